#pragma once
// Documents that arrive without their vector get one from the collection's embedder before they
// are parsed, journaled and applied: the vector becomes a member of the stored document, so the
// journal, snapshots and replay carry it and never call the embedder again.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "engine/catalog.hpp"
#include "engine/collection_embedder.hpp"

namespace braid::engine {

// A bulk line read and identified, not yet parsed against the schema.
struct PendingDocument {
    std::size_t line = 0;
    std::string id;
    boost::json::object document;
    std::optional<std::string> text;  // the line as it came, when it is kept as is
};

// Embeds `document` when it lacks its vector (one call; throws the embedder's braid::Error:
// embedder_unavailable 503, embedder_error 502, naming the URL and the cause). `text`, the
// document's one-line JSON text when given, gets the vector member appended.
void embed_if_missing(const CollectionEmbedder& embedder, boost::json::object& document,
                      std::optional<std::string>& text);

// Embeds every pending document that lacks its vector, in the embedder's batches and concurrency.
// A document whose embedding failed is removed and reported (line, id, the embedder's error).
std::vector<BulkError> embed_missing(const CollectionEmbedder& embedder, std::vector<PendingDocument>& documents);

}  // namespace braid::engine
