#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace braid::lexical {

// The statistics BM25 reads for one query, per searched field: N (live documents with a token
// in the field), the sum of their lengths, and each query term's document frequency. Shards of
// one collection each report theirs for the same query; the sum, handed back to every shard with
// the search (LexicalQuery::global), makes each score exactly as one index holding all would.
struct FieldStatistics {
    std::uint64_t documents = 0;
    std::uint64_t total_length = 0;
    std::map<std::string, std::uint64_t> df;  // analyzed term -> live documents holding it

    float avgdl() const {
        return documents == 0 ? 1.0f
                              : static_cast<float>(static_cast<double>(total_length) / static_cast<double>(documents));
    }
};

struct CorpusStatistics {
    std::map<std::string, FieldStatistics> fields;  // field name (or kCombinedField) -> statistics

    // Adds another shard's statistics for the same query.
    void add(const CorpusStatistics& other);
    // df of `term` in `field`; 0 when not listed.
    std::uint64_t df(const std::string& field, const std::string& term) const;
};

}  // namespace braid::lexical
