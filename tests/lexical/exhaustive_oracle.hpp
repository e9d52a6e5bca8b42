#pragma once
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/bitset.hpp"
#include "core/scored_doc.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::lexical::test {

// An independent model of the index for differential tests: documents as plain term lists,
// BM25 recomputed from scratch (in double) for every query by scanning every live document.
class ExhaustiveOracle {
public:
    ExhaustiveOracle(std::vector<std::string> fields, double k1, double b) : fields_(std::move(fields)), k1_(k1), b_(b) {}

    void add(DocOrdinal doc, std::map<std::string, std::vector<std::string>> terms) { docs_[doc] = std::move(terms); }
    void remove(DocOrdinal doc) { docs_.erase(doc); }

    // The terms of `doc` in `field` (kCombinedField: all fields concatenated in schema order).
    std::vector<std::string> field_terms(const std::map<std::string, std::vector<std::string>>& doc,
                                         const std::string& field) const {
        if (field != kCombinedField) {
            auto it = doc.find(field);
            return it == doc.end() ? std::vector<std::string>{} : it->second;
        }
        std::vector<std::string> all;
        for (const auto& f : fields_) {
            auto it = doc.find(f);
            if (it != doc.end()) all.insert(all.end(), it->second.begin(), it->second.end());
        }
        return all;
    }

    // Every matching document with its score.
    std::map<DocOrdinal, double> score_all(const LexicalQuery& q) const {
        std::map<DocOrdinal, double> scores;
        std::map<DocOrdinal, std::set<std::string>> matched_terms;
        std::set<std::string> all_terms;
        for (const auto& fq : q.fields) {
            std::vector<std::string> terms;
            for (const auto& t : fq.terms)
                if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
            all_terms.insert(terms.begin(), terms.end());
            // Field statistics over live documents with a non-empty field.
            double n = 0, total = 0;
            std::map<std::string, double> df;
            for (const auto& [doc, fields] : docs_) {
                const auto ft = field_terms(fields, fq.field);
                if (ft.empty()) continue;
                n += 1;
                total += static_cast<double>(ft.size());
                for (const auto& t : terms)
                    if (std::find(ft.begin(), ft.end(), t) != ft.end()) df[t] += 1;
            }
            if (n == 0) continue;
            const double avgdl = total / n;
            for (const auto& [doc, fields] : docs_) {
                const auto ft = field_terms(fields, fq.field);
                for (const auto& t : terms) {
                    const auto tf = static_cast<double>(std::count(ft.begin(), ft.end(), t));
                    if (tf == 0) continue;
                    const double idf = std::log(1.0 + (n - df[t] + 0.5) / (df[t] + 0.5));
                    const double dl = static_cast<double>(ft.size());
                    scores[doc] += fq.boost * idf * tf / (tf + k1_ * (1.0 - b_ + b_ * dl / avgdl));
                    matched_terms[doc].insert(t);
                }
            }
        }
        std::map<DocOrdinal, double> out;
        for (const auto& [doc, s] : scores) {
            if (q.allowed != nullptr && !q.allowed->test(doc)) continue;
            if (q.op == Operator::all && matched_terms[doc].size() != all_terms.size()) continue;
            out[doc] = s;
        }
        return out;
    }

    std::vector<std::pair<DocOrdinal, double>> top_k(const std::map<DocOrdinal, double>& all, std::size_t k) const {
        std::vector<std::pair<DocOrdinal, double>> v(all.begin(), all.end());
        std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        if (v.size() > k) v.resize(k);
        return v;
    }

    std::size_t live_documents() const { return docs_.size(); }
    const std::map<DocOrdinal, std::map<std::string, std::vector<std::string>>>& docs() const { return docs_; }

private:
    std::vector<std::string> fields_;
    double k1_, b_;
    std::map<DocOrdinal, std::map<std::string, std::vector<std::string>>> docs_;
};

}  // namespace braid::lexical::test
