#include "lexical/term_expansion.hpp"

#include <algorithm>

namespace braid::lexical {

static void decode_into(std::string_view s, std::u32string& out) {
    out.clear();
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        char32_t cp = b;
        if (b >= 0x80) {
            if ((b >> 5) == 0x6) extra = 1, cp = b & 0x1F;
            else if ((b >> 4) == 0xE) extra = 2, cp = b & 0x0F;
            else if ((b >> 3) == 0x1E) extra = 3, cp = b & 0x07;
        }
        bool ok = b < 0x80 || (extra > 0 && i + extra < s.size());
        for (std::size_t k = 1; ok && k <= extra; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            ok = (c >> 6) == 0x2;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += extra + 1;
    }
}

std::u32string code_points(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    decode_into(s, out);
    return out;
}

namespace {

// Rows of the optimal-string-alignment table, reused across the terms of one expansion.
struct DistanceRows {
    std::vector<int> before, previous, current;
};

int bounded_distance(std::u32string_view a, std::u32string_view b, int max_edits, DistanceRows& rows) {
    const std::size_t n = a.size(), m = b.size();
    const int over = max_edits + 1;
    if ((n > m ? n - m : m - n) > static_cast<std::size_t>(max_edits)) return over;
    auto& before = rows.before;
    auto& previous = rows.previous;
    auto& current = rows.current;
    before.assign(m + 1, 0);
    previous.resize(m + 1);
    current.assign(m + 1, 0);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = static_cast<int>(i);
        int row_min = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
            current[j] = d;
            row_min = std::min(row_min, d);
        }
        if (row_min > max_edits) return over;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], over);
}

}  // namespace

int damerau_levenshtein(std::u32string_view a, std::u32string_view b, int max_edits) {
    DistanceRows rows;
    return bounded_distance(a, b, max_edits, rows);
}

std::vector<Expansion> expand_fuzzy(const TermDictionary& dictionary, const FieldView& field, std::string_view term,
                                    int max_edits, std::size_t prefix_length, std::size_t max_expansions) {
    const std::u32string query = code_points(term);
    const std::size_t fixed = std::min(prefix_length, query.size());
    std::vector<Expansion> found;
    std::u32string candidate;
    DistanceRows rows;
    const std::size_t max_cps = query.size() + static_cast<std::size_t>(max_edits);
    const std::size_t min_cps = query.size() > static_cast<std::size_t>(max_edits) ? query.size() - static_cast<std::size_t>(max_edits) : 0;
    for (TermId id = 0; id < dictionary.size(); ++id) {
        const std::uint32_t df = field.df(id);
        if (df == 0) continue;
        const std::string_view text = dictionary.text(id);
        // A term has between bytes / 4 and bytes code points: most are out of reach undecoded.
        if (text.size() < min_cps || (text.size() + 3) / 4 > max_cps) continue;
        decode_into(text, candidate);
        if (candidate.size() < fixed || !std::equal(query.begin(), query.begin() + static_cast<std::ptrdiff_t>(fixed), candidate.begin()))
            continue;
        const int edits = bounded_distance(query, candidate, max_edits, rows);
        if (edits > max_edits) continue;
        const std::size_t shorter = std::min(query.size(), candidate.size());
        const float boost = shorter == 0 ? 0.0f : std::max(0.0f, 1.0f - static_cast<float>(edits) / static_cast<float>(shorter));
        found.push_back(Expansion{id, edits, df, boost});
    }
    std::sort(found.begin(), found.end(), [&](const Expansion& a, const Expansion& b) {
        if (a.edits != b.edits) return a.edits < b.edits;
        if (a.df != b.df) return a.df > b.df;
        return dictionary.text(a.term) < dictionary.text(b.term);
    });
    if (found.size() > max_expansions) found.resize(max_expansions);
    return found;
}

std::vector<Expansion> expand_prefix(const TermDictionary& dictionary, const FieldView& field, std::string_view prefix,
                                     std::size_t max_expansions) {
    std::vector<Expansion> found;
    for (TermId id = 0; id < dictionary.size(); ++id) {
        const std::uint32_t df = field.df(id);
        if (df == 0 || !dictionary.text(id).starts_with(prefix)) continue;
        found.push_back(Expansion{id, 0, df, 1.0f});
    }
    std::sort(found.begin(), found.end(), [&](const Expansion& a, const Expansion& b) {
        if (a.df != b.df) return a.df > b.df;
        return dictionary.text(a.term) < dictionary.text(b.term);
    });
    if (found.size() > max_expansions) found.resize(max_expansions);
    return found;
}

}  // namespace braid::lexical
