#include "lexical/highlighter.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/error.hpp"
#include "lexical/term_expansion.hpp"

namespace braid::lexical {

namespace {

[[noreturn]] void invalid(const std::string& member, const std::string& what) {
    const std::string path = "highlight." + member;
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + what, path);
}

void check_range(std::size_t given, std::size_t min, std::size_t max, const std::string& member) {
    if (given < min || given > max)
        invalid(member, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                            std::to_string(given));
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Moves `at` back to the first byte of the UTF-8 character it falls in.
std::size_t char_start(std::string_view text, std::size_t at) {
    while (at > 0 && at < text.size() && is_continuation(static_cast<unsigned char>(text[at]))) --at;
    return at;
}

// True when a sentence starts at `at`: after ". ", "! ", "? " (any run of whitespace) or a line break.
bool sentence_starts_at(std::string_view text, std::size_t at) {
    if (at == 0) return true;
    if (at >= text.size() || is_space(text[at])) return false;
    std::size_t i = at;
    bool newline = false;
    while (i > 0 && is_space(text[i - 1])) newline |= text[--i] == '\n';
    if (i == at) return false;
    if (newline || i == 0) return true;
    const char c = text[i - 1];
    return c == '.' || c == '!' || c == '?';
}

bool word_starts_at(std::string_view text, std::size_t at) {
    return at == 0 || (at < text.size() && !is_space(text[at]) && is_space(text[at - 1]));
}

void append_escaped(std::string& out, std::string_view part, bool html) {
    if (!html) {
        out += part;
        return;
    }
    for (const char c : part) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#x27;"; break;
            default: out += c;
        }
    }
}

float clause_weight(const QueryClause& clause) {
    if (clause.kind == ClauseKind::phrase && !clause.forms.empty())
        return static_cast<float>(clause.forms.front().terms.size());
    return 1.0f;
}

// The fragment [begin, end) around the span [start, end): a window of `size` bytes centered on
// it, its start moved to the first sentence start before the match (else the first word start),
// its end back to the last sentence end after the match (else the last word end); UTF-8 safe.
std::pair<std::size_t, std::size_t> window_around(std::string_view text, std::size_t start, std::size_t stop,
                                                  std::size_t size) {
    const std::size_t n = text.size();
    const std::size_t span = stop - start;
    if (span >= size || n <= size) return span >= size ? std::pair{start, stop} : std::pair{std::size_t{0}, n};
    const std::size_t slack = size - span;
    std::size_t begin = start > slack / 2 ? start - slack / 2 : 0;
    if (begin + size > n) begin = n - size;
    // A sentence start between begin and the match, preferring the earliest.
    std::size_t chosen = begin;
    bool found = false;
    for (std::size_t i = begin; i <= start && !found; ++i)
        if (sentence_starts_at(text, i)) chosen = i, found = true;
    if (!found)
        for (std::size_t i = begin; i <= start && !found; ++i)
            if (word_starts_at(text, i)) chosen = i, found = true;
    begin = found ? chosen : char_start(text, begin);
    std::size_t end = std::min(n, begin + size);
    if (end < n) {
        // The last sentence end after the match, else the last word end.
        for (std::size_t e = end; e > stop; --e) {
            const char c = text[e - 1];
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && (e == n || is_space(text[e]))) {
                while (e > begin && is_space(text[e - 1])) --e;
                return {begin, e};
            }
        }
        std::size_t e = end;
        while (e > stop && !(is_space(text[e]) && !is_space(text[e - 1]))) --e;
        end = e > stop ? e : char_start(text, end);
        if (end < stop) end = stop;
    }
    while (end > begin && is_space(text[end - 1])) --end;
    return {begin, end};
}

struct Candidate {
    std::size_t begin = 0, end = 0;
    float score = 0;
};

}  // namespace

void check(const HighlightOptions& options) {
    check_range(options.fragment_size, HighlightOptions::kMinFragmentSize, HighlightOptions::kMaxFragmentSize,
                "fragment_size");
    check_range(options.fragments, 1, HighlightOptions::kMaxFragments, "fragments");
    check_range(options.no_match_size, 0, HighlightOptions::kMaxNoMatchSize, "no_match_size");
    if (options.pre.size() > HighlightOptions::kMaxTagBytes)
        invalid("pre", "at most " + std::to_string(HighlightOptions::kMaxTagBytes) + " bytes");
    if (options.post.size() > HighlightOptions::kMaxTagBytes)
        invalid("post", "at most " + std::to_string(HighlightOptions::kMaxTagBytes) + " bytes");
}

std::vector<MatchedSpan> match_spans(const std::vector<analyzers::Token>& tokens, const HighlightQuery& query) {
    std::vector<std::size_t> owner(tokens.size(), SIZE_MAX);  // token -> first clause matching it
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_text;
    for (std::size_t i = 0; i < tokens.size(); ++i) by_text[tokens[i].text].push_back(i);
    const auto mark = [&](std::size_t token, std::size_t clause) { owner[token] = std::min(owner[token], clause); };
    // Marks the tokens of each occurrence of `form` as a phrase (slop: each later term within that
    // many positions of where the exact phrase puts it).
    const auto mark_phrase = [&](const FieldForm& form, std::uint32_t slop, std::size_t c) {
        auto first = by_text.find(form.terms.front());
        if (first == by_text.end()) return;
        for (const std::size_t t0 : first->second) {
            std::vector<std::size_t> occurrence{t0};
            for (std::size_t j = 1; j < form.terms.size(); ++j) {
                const auto it = by_text.find(form.terms[j]);
                if (it == by_text.end()) break;
                const std::int64_t offset = j < form.positions.size() ? form.positions[j] : static_cast<std::int64_t>(j);
                const std::int64_t target = static_cast<std::int64_t>(tokens[t0].position) + offset;
                std::size_t best = SIZE_MAX;
                std::int64_t best_distance = static_cast<std::int64_t>(slop) + 1;
                for (const std::size_t t : it->second) {
                    if (std::find(occurrence.begin(), occurrence.end(), t) != occurrence.end()) continue;
                    const std::int64_t d = std::abs(static_cast<std::int64_t>(tokens[t].position) - target);
                    if (d < best_distance) best = t, best_distance = d;
                }
                if (best == SIZE_MAX) break;
                occurrence.push_back(best);
            }
            if (occurrence.size() == form.terms.size())
                for (const std::size_t t : occurrence) mark(t, c);
        }
    };

    for (std::size_t c = 0; c < query.clauses.size(); ++c) {
        const QueryClause& clause = query.clauses[c];
        if (clause.occur == Occur::must_not || clause.forms.empty()) continue;
        const FieldForm& form = clause.forms.front();
        if (form.terms.empty()) continue;
        switch (clause.kind) {
            case ClauseKind::term: {
                if (auto it = by_text.find(form.terms.front()); it != by_text.end())
                    for (const std::size_t t : it->second) mark(t, c);
                break;
            }
            case ClauseKind::prefix: {
                const std::string& prefix = form.terms.front();
                for (const auto& [text, list] : by_text)
                    if (text.starts_with(prefix))
                        for (const std::size_t t : list) mark(t, c);
                break;
            }
            case ClauseKind::fuzzy: {
                const std::u32string term = code_points(form.terms.front());
                const std::size_t keep = std::min(query.prefix_length, term.size());
                for (const auto& [text, list] : by_text) {
                    const std::u32string candidate = code_points(text);
                    if (candidate.size() < keep || candidate.compare(0, keep, term, 0, keep) != 0) continue;
                    if (damerau_levenshtein(candidate, term, clause.edits) > clause.edits) continue;
                    for (const std::size_t t : list) mark(t, c);
                }
                break;
            }
            case ClauseKind::phrase: mark_phrase(form, clause.slop, c); break;
            case ClauseKind::synonyms:  // any of the rule's forms: a term, or a phrase of several
                for (const FieldForm& alternative : clause.forms) {
                    if (alternative.terms.size() == 1) {
                        if (auto it = by_text.find(alternative.terms.front()); it != by_text.end())
                            for (const std::size_t t : it->second) mark(t, c);
                    } else if (!alternative.terms.empty()) {
                        mark_phrase(alternative, 0, c);
                    }
                }
                break;
        }
    }
    std::vector<MatchedSpan> spans;
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (owner[i] != SIZE_MAX) spans.push_back({tokens[i].start, tokens[i].end, owner[i]});
    std::sort(spans.begin(), spans.end(), [](const MatchedSpan& a, const MatchedSpan& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    // Tokens sharing bytes (e.g. several analyzed forms of one word) are marked once.
    std::vector<MatchedSpan> disjoint;
    for (const auto& s : spans)
        if (disjoint.empty() || s.start >= disjoint.back().end) disjoint.push_back(s);
    return disjoint;
}

std::vector<std::string> highlight_fragments(std::string_view text, const std::vector<MatchedSpan>& spans,
                                             const HighlightQuery& query, const HighlightOptions& options) {
    std::vector<std::string> out;
    if (spans.empty()) {
        if (options.no_match_size == 0 || text.empty()) return out;
        std::size_t end = std::min(text.size(), options.no_match_size);
        if (end < text.size()) {
            std::size_t e = end;
            while (e > 0 && !(is_space(text[e]) && !is_space(text[e - 1]))) --e;
            end = e > 0 ? e : char_start(text, end);
        }
        while (end > 0 && is_space(text[end - 1])) --end;
        std::string fragment;
        append_escaped(fragment, text.substr(0, end), options.html);
        if (!fragment.empty()) out.push_back(std::move(fragment));
        return out;
    }
    std::vector<Candidate> candidates;
    candidates.reserve(spans.size());
    std::vector<float> weights(query.clauses.size());
    for (std::size_t c = 0; c < query.clauses.size(); ++c) weights[c] = clause_weight(query.clauses[c]);
    std::vector<char> seen(query.clauses.size());
    std::size_t lo = 0;
    for (const MatchedSpan& seed : spans) {
        const auto [begin, end] = window_around(text, seed.start, seed.end, options.fragment_size);
        while (lo < spans.size() && spans[lo].start < begin) ++lo;
        Candidate candidate{begin, end, 0};
        std::fill(seen.begin(), seen.end(), 0);
        for (std::size_t i = lo; i < spans.size() && spans[i].end <= end; ++i) {
            if (seen[spans[i].clause]) candidate.score += 0.1f;
            else candidate.score += weights[spans[i].clause], seen[spans[i].clause] = 1;
        }
        if (!candidates.empty() && candidates.back().begin == begin && candidates.back().end == end) continue;
        candidates.push_back(candidate);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<Candidate> chosen;
    for (const Candidate& c : candidates) {
        if (chosen.size() == options.fragments) break;
        const bool overlaps = std::any_of(chosen.begin(), chosen.end(),
                                          [&](const Candidate& o) { return c.begin < o.end && o.begin < c.end; });
        if (!overlaps) chosen.push_back(c);
    }
    for (const Candidate& c : chosen) {
        std::string fragment;
        std::size_t at = c.begin;
        const auto first = std::lower_bound(spans.begin(), spans.end(), c.begin,
                                            [](const MatchedSpan& s, std::size_t v) { return s.start < v; });
        for (auto it = first; it != spans.end() && it->end <= c.end; ++it) {
            append_escaped(fragment, text.substr(at, it->start - at), options.html);
            fragment += options.pre;
            append_escaped(fragment, text.substr(it->start, it->end - it->start), options.html);
            fragment += options.post;
            at = it->end;
        }
        append_escaped(fragment, text.substr(at, c.end - at), options.html);
        out.push_back(std::move(fragment));
    }
    return out;
}

std::vector<std::string> highlight_text(std::string_view text, const analyzers::Analyzer& analyzer,
                                        const HighlightQuery& query, const HighlightOptions& options) {
    const auto tokens = analyzer.analyze(text);
    return highlight_fragments(text, match_spans(tokens, query), query, options);
}

}  // namespace braid::lexical
