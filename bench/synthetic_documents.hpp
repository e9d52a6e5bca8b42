#pragma once
// The synthetic Zipf corpus (lexical_synthetic_corpus.hpp) as documents, for the benchmarks that
// run the engine's steps over it (bench_highlight, bench_facets): each document's text (its words
// joined by spaces), its tokens as the standard analyzer would give them, its filterable fields
// (derived from the ordinal), and query texts.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "analyzers/token.hpp"
#include "bench/lexical_synthetic_corpus.hpp"
#include "core/json_text.hpp"

namespace braid::bench {

// The default synthetic corpus: one million documents over a 200,000-term vocabulary, seed 42.
inline constexpr std::size_t kSyntheticVocabulary = 200'000;
inline constexpr std::uint64_t kSyntheticSeed = 42;

// Document d's words joined by single spaces.
inline std::string synthetic_text(const SyntheticLexicalCorpus& corpus, std::size_t d) {
    std::string text;
    for (const auto* id = corpus.begin(d); id != corpus.end(d); ++id) {
        if (!text.empty()) text += ' ';
        text += corpus.term(*id);
    }
    return text;
}

// Document d's tokens with their positions and the byte offsets of synthetic_text (the words are
// lowercase ASCII letters, so the standard analyzer leaves them as they are).
inline std::vector<analyzers::Token> synthetic_tokens(const SyntheticLexicalCorpus& corpus, std::size_t d) {
    std::vector<analyzers::Token> tokens;
    std::uint32_t position = 0, offset = 0;
    for (const auto* id = corpus.begin(d); id != corpus.end(d); ++id) {
        const std::string& word = corpus.term(*id);
        const auto end = offset + static_cast<std::uint32_t>(word.size());
        tokens.push_back({word, position++, offset, end});
        offset = end + 1;
    }
    return tokens;
}

// A query's terms joined by single spaces.
inline std::string query_text(const std::vector<std::string>& terms) {
    std::string query;
    for (const auto& t : terms) query += (query.empty() ? "" : " ") + t;
    return query;
}

// `{"text": ...}` as JSON text.
inline std::string text_document_json(const std::string& text) {
    std::string out = "{\"text\":";
    append_json_string(out, text);
    return out + "}";
}

// Filterable fields derived from a number (a hash of the id, or the ordinal): a keyword of 200
// values, an integer year 1980..2022, a float 0..99.9, a boolean true for a third.
inline void add_filter_fields(boost::json::object& document, std::uint64_t h) {
    std::string journal = "j";  // not "j" + to_string(): GCC 12 warns falsely (-Wrestrict) on that
    journal += std::to_string(h % 200);
    document["journal"] = journal;
    document["year"] = static_cast<std::int64_t>(1980 + h % 43);
    document["impact"] = static_cast<double>(h % 1000) / 10.0;
    document["open"] = h % 3 == 0;
}

// A well-mixed 64-bit number of d (SplitMix64's finalizer), so derived fields do not follow the ordinal.
inline std::uint64_t mixed(std::uint64_t d) {
    d += 0x9E3779B97F4A7C15ULL;
    d = (d ^ (d >> 30)) * 0xBF58476D1CE4E5B9ULL;
    d = (d ^ (d >> 27)) * 0x94D049BB133111EBULL;
    return d ^ (d >> 31);
}

}  // namespace braid::bench
