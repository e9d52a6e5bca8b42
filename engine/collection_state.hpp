#pragma once
#include <memory>
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
struct CollectionState {
    CollectionState(const config::CollectionConfig& schema, const DocumentParser& parser);

    DocumentStore store;
    FilterIndex filters;
    lexical::LexicalIndex lexical;
    std::unique_ptr<dense::VectorIndex> dense;  // null without a vector field

    // Applies a validated document under a new ordinal; returns true when it replaced one.
    bool upsert(const ParsedDocument& document);
    // The same for many documents; vectors go to the dense index in one batch (built in parallel).
    // Later documents of the batch replace earlier ones with the same id.
    void upsert_batch(const std::vector<ParsedDocument>& documents);
    bool remove(std::string_view id);
};

}  // namespace braid::engine
