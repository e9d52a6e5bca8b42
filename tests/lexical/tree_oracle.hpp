#pragma once
// An independent model of tree (simple-syntax) queries for differential tests: documents as
// plain term lists, every statistic, phrase frequency, edit distance and expansion recomputed
// from its definition (in double) by scanning every live document.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "lexical/tree_query.hpp"

namespace braid::lexical::test {

// Full optimal-string-alignment table over code points, no cut-off.
inline int osa_distance(const std::u32string& a, const std::u32string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

// Brute force: every assignment of distinct positions to the phrase's slots; per starting offset
// (smallest slot offset) the shortest match; sum of 1 / (1 + length) over those within slop.
inline double brute_phrase_frequency(const std::vector<std::pair<std::string, std::uint32_t>>& doc,  // (term, position)
                                     const std::vector<std::string>& terms, const std::vector<std::uint32_t>& relative,
                                     std::uint32_t slop) {
    std::vector<std::vector<std::int64_t>> candidates(terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i)
        for (const auto& [t, p] : doc)
            if (t == terms[i]) candidates[i].push_back(p);
    std::map<std::int64_t, std::int64_t> shortest;  // start offset -> shortest length
    std::vector<std::int64_t> chosen;
    std::function<void(std::size_t)> walk = [&](std::size_t i) {
        if (i == terms.size()) {
            std::int64_t lo = INT64_MAX, hi = INT64_MIN;
            for (std::size_t j = 0; j < chosen.size(); ++j) {
                lo = std::min(lo, chosen[j] - static_cast<std::int64_t>(relative[j]));
                hi = std::max(hi, chosen[j] - static_cast<std::int64_t>(relative[j]));
            }
            auto it = shortest.find(lo);
            if (it == shortest.end() || hi - lo < it->second) shortest[lo] = hi - lo;
            return;
        }
        for (std::int64_t p : candidates[i]) {
            if (std::find(chosen.begin(), chosen.end(), p) != chosen.end()) continue;
            chosen.push_back(p);
            walk(i + 1);
            chosen.pop_back();
        }
    };
    walk(0);
    double freq = 0;
    for (const auto& [start, length] : shortest)
        if (length <= static_cast<std::int64_t>(slop)) freq += 1.0 / (1.0 + static_cast<double>(length));
    return freq;
}

class TreeOracle {
public:
    using Doc = std::map<std::string, std::vector<std::string>>;  // field -> terms (positions 0, 1, ...)

    TreeOracle(std::vector<std::string> fields, double k1, double b) : fields_(std::move(fields)), k1_(k1), b_(b) {}
    void add(DocOrdinal d, Doc doc) { docs_[d] = std::move(doc); }
    void remove(DocOrdinal d) { docs_.erase(d); }

    // (term, position) of a document's field; the combined field chains the fields in schema
    // order, each starting 1 + 100 positions after the previous one's last (as the index does).
    std::vector<std::pair<std::string, std::uint32_t>> field_tokens(const Doc& doc, const std::string& field) const {
        std::vector<std::pair<std::string, std::uint32_t>> out;
        if (field != kCombinedField) {
            auto it = doc.find(field);
            if (it != doc.end())
                for (std::size_t i = 0; i < it->second.size(); ++i) out.emplace_back(it->second[i], static_cast<std::uint32_t>(i));
            return out;
        }
        std::uint32_t offset = 0;
        for (const auto& f : fields_) {
            auto it = doc.find(f);
            if (it == doc.end() || it->second.empty()) continue;
            for (std::size_t i = 0; i < it->second.size(); ++i) out.emplace_back(it->second[i], offset + static_cast<std::uint32_t>(i));
            offset += static_cast<std::uint32_t>(it->second.size()) + 100;
        }
        return out;
    }

    // Every matching document (allowed ones) with its score.
    std::map<DocOrdinal, double> score_all(const TreeQuery& q) const {
        std::vector<std::map<DocOrdinal, double>> group_hits;
        for (const auto& group : q.alternatives) {
            std::size_t should = 0;
            bool has_must = false;
            for (const auto& c : group) {
                should += c.occur == Occur::should;
                has_must = has_must || c.occur == Occur::must;
            }
            std::size_t required = q.alternatives.size() == 1 && q.minimum_should_match ? q.minimum_should_match->resolve(should) : 0;
            if (!has_must) required = std::max<std::size_t>(required, 1);
            std::vector<std::map<DocOrdinal, double>> clause_hits;
            for (const auto& c : group) clause_hits.push_back(clause(q, c));
            std::map<DocOrdinal, double> hits;
            for (const auto& [d, doc] : docs_) {
                bool ok = true;
                std::size_t matched = 0;
                double score = 0;
                for (std::size_t i = 0; i < group.size(); ++i) {
                    const auto it = clause_hits[i].find(d);
                    const bool present = it != clause_hits[i].end();
                    if (group[i].occur == Occur::must) ok = ok && present;
                    if (group[i].occur == Occur::must_not) ok = ok && !present;
                    if (group[i].occur == Occur::should) matched += present;
                    if (present && group[i].occur != Occur::must_not) score += it->second;
                }
                if (ok && matched >= required) hits[d] = score;
            }
            group_hits.push_back(std::move(hits));
        }
        std::size_t required = 1;
        if (q.alternatives.size() > 1 && q.minimum_should_match)
            required = std::max<std::size_t>(1, q.minimum_should_match->resolve(q.alternatives.size()));
        std::map<DocOrdinal, double> out;
        for (const auto& [d, doc] : docs_) {
            if (q.allowed != nullptr && !q.allowed->test(d)) continue;
            std::size_t matched = 0;
            double score = 0;
            for (const auto& g : group_hits) {
                auto it = g.find(d);
                if (it == g.end()) continue;
                ++matched;
                score += it->second;
            }
            if (matched >= required && !q.alternatives.empty()) out[d] = score;
        }
        return out;
    }

private:
    struct Stats {
        double n = 0, avgdl = 1;
        std::map<std::string, double> df;
    };
    Stats stats(const std::string& field) const {
        Stats s;
        double total = 0;
        for (const auto& [d, doc] : docs_) {
            const auto tokens = field_tokens(doc, field);
            if (tokens.empty()) continue;
            s.n += 1;
            total += static_cast<double>(tokens.size());
            std::set<std::string> distinct;
            for (const auto& [t, p] : tokens) distinct.insert(t);
            for (const auto& t : distinct) s.df[t] += 1;
        }
        if (s.n > 0) s.avgdl = total / s.n;
        return s;
    }
    static double idf(double n, double df) { return std::log(1.0 + (n - df + 0.5) / (df + 0.5)); }
    double bm25(double weight, double tf, double dl, double avgdl) const {
        return weight * tf / (tf + k1_ * (1.0 - b_ + b_ * dl / avgdl));
    }
    static std::u32string cps(const std::string& s);

    std::map<DocOrdinal, double> clause(const TreeQuery& q, const QueryClause& c) const {
        std::map<DocOrdinal, double> out;
        for (const auto& form : c.forms) {
            const auto& target = q.fields[form.field];
            const Stats st = stats(target.field);
            // (term, extra boost) the clause scores in this field, and the idf each uses.
            std::vector<std::pair<std::string, double>> terms;
            double term_idf = 0;
            if (c.kind == ClauseKind::prefix || c.kind == ClauseKind::fuzzy) {
                struct Cand {
                    std::string term;
                    int edits;
                    double df;
                };
                std::vector<Cand> cands;
                const auto query = cps(form.terms[0]);
                for (const auto& [t, df] : st.df) {
                    if (c.kind == ClauseKind::prefix) {
                        if (t.rfind(form.terms[0], 0) == 0) cands.push_back({t, 0, df});
                        continue;
                    }
                    const auto cand = cps(t);
                    const std::size_t fixed = std::min(q.prefix_length, query.size());
                    if (cand.size() < fixed || !std::equal(query.begin(), query.begin() + static_cast<long>(fixed), cand.begin())) continue;
                    const int e = osa_distance(query, cand);
                    if (e <= c.edits) cands.push_back({t, e, df});
                }
                std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
                    if (a.edits != b.edits) return a.edits < b.edits;
                    if (a.df != b.df) return a.df > b.df;
                    return a.term < b.term;
                });
                if (cands.size() > q.max_expansions) cands.resize(q.max_expansions);
                double max_df = 0;
                for (const auto& cd : cands) max_df = std::max(max_df, cd.df);
                term_idf = idf(st.n, max_df);
                for (const auto& cd : cands) {
                    const double shorter = static_cast<double>(std::min(query.size(), cps(cd.term).size()));
                    terms.emplace_back(cd.term, c.kind == ClauseKind::prefix ? 1.0 : std::max(0.0, 1.0 - cd.edits / shorter));
                }
            }
            for (const auto& [d, doc] : docs_) {
                const auto tokens = field_tokens(doc, target.field);
                const double dl = static_cast<double>(tokens.size());
                double s = 0;
                bool matched = false;
                if (c.kind == ClauseKind::term) {
                    const auto tf = static_cast<double>(std::count_if(tokens.begin(), tokens.end(), [&](const auto& tp) { return tp.first == form.terms[0]; }));
                    if (tf > 0) {
                        s = bm25(target.boost * idf(st.n, st.df.at(form.terms[0])), tf, dl, st.avgdl);
                        matched = true;
                    }
                } else if (c.kind == ClauseKind::phrase) {
                    const double f = brute_phrase_frequency(tokens, form.terms, form.positions, c.slop);
                    if (f > 0) {
                        double sum_idf = 0;
                        for (const auto& t : form.terms) sum_idf += idf(st.n, st.df.at(t));
                        s = bm25(target.boost * sum_idf, f, dl, st.avgdl);
                        matched = true;
                    }
                } else {
                    for (const auto& term_extra : terms) {
                        const auto& t = term_extra.first;  // not a structured binding: clang 14 cannot capture one
                        const auto extra = term_extra.second;
                        const auto tf = static_cast<double>(std::count_if(tokens.begin(), tokens.end(), [&](const auto& tp) { return tp.first == t; }));
                        if (tf == 0) continue;
                        s += bm25(target.boost * extra * term_idf, tf, dl, st.avgdl);
                        matched = true;
                    }
                }
                if (matched) out[d] += s;
            }
        }
        return out;
    }

    std::vector<std::string> fields_;
    double k1_, b_;
    std::map<DocOrdinal, Doc> docs_;
};

inline std::u32string TreeOracle::cps(const std::string& s) {
    // A second, independent UTF-8 decoder (valid input only: the tests' terms are valid UTF-8).
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

}  // namespace braid::lexical::test
