#pragma once
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "dense/vector_index.hpp"
#include "engine/document_parser.hpp"
#include "engine/document_store.hpp"
#include "engine/filter_index.hpp"
#include "engine/parsed_document.hpp"
#include "engine/search_response.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::engine {

// Everything one collection holds in memory. Not synchronized: LocalCollection's lock guards it.
//
// Ordinal compaction: every upsert takes a new ordinal, so the structures indexed by ordinal
// (document store, filter columns, lexical lengths and forward records, the dense slot map) grow
// with the number of writes. Once the ordinal space is mostly dead (next ordinal >= 2 x live
// documents + kOrdinalCompactionSlack), the writes below renumber every live document to its rank
// among live ordinals, in every structure at once. The renumbering is monotone, so postings stay
// sorted and ties broken by lower ordinal break the same way; ordinals never leave the collection
// (responses carry ids), so nothing outside sees it.
struct CollectionState {
    // Dead ordinals tolerated on top of the live count: a compaction costs a pass over every
    // structure, so after one, at least live + this many writes come before the next (amortized
    // O(1) per write, and a tiny collection rewritten all the time compacts at most every ~1,000
    // writes, each taking microseconds). The ordinal space stays below 2 x live + this slack.
    static constexpr std::size_t kOrdinalCompactionSlack = 1024;

    CollectionState(const config::CollectionConfig& schema, const DocumentParser& parser);

    // The vector member's name ("" without a vector field) and whether the dense index keeps unit
    // vectors (cosine), so the store records each vector's norm.
    const std::string vector_field;
    const bool unit_vectors = false;

    DocumentStore store;
    FilterIndex filters;
    std::unique_ptr<lexical::LexicalIndex> lexical;  // null without text fields (a vector-only collection)
    std::unique_ptr<dense::VectorIndex> dense;  // null without a vector field

    // Applies a validated document under a new ordinal; returns true when it replaced one.
    bool upsert(const ParsedDocument& document);
    // The same for many documents; vectors go to the dense index in one batch (built in parallel).
    // Later documents of the batch replace earlier ones with the same id.
    void upsert_batch(std::span<const ParsedDocument> documents);
    bool remove(std::string_view id);

    // True when the ordinal space is sparse enough for compact_ordinals() (see above).
    bool wants_ordinal_compaction() const;
    // Renumbers every live document to its rank among live ordinals in every structure.
    void compact_ordinals();

    // Stores the document's text at `ordinal` (without its vector member when the dense index
    // holds the vector); returns the ordinal of the version it replaces, or kNoDoc.
    DocOrdinal store_document(DocOrdinal ordinal, const ParsedDocument& document);
};

}  // namespace braid::engine
