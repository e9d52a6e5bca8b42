#pragma once
// A collection's embedder (vector.embedder), built from its configuration on first use: the
// document embedder (batches, concurrency, retries as configured), the query embedder (no
// retries, so a search fails within timeout_ms), and the query cache.
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "config/config.hpp"
#include "inference/embedder.hpp"
#include "inference/factory.hpp"
#include "inference/query_cache.hpp"

namespace braid::engine {

class CollectionEmbedder {
public:
    CollectionEmbedder(const config::CollectionConfig& schema);

    // Builds the embedders now: a configuration that cannot work (unknown model folder, unset
    // API key variable) fails here with its braid::Error (invalid_embedder, invalid_model ...).
    void prepare() const;

    // The text of the document's source fields, joined by newlines ("" when it has none).
    std::string source_text(const boost::json::object& document) const;
    // Whether braid computes this document's vector: it has none and has source text.
    bool wants_vector(const boost::json::object& document) const;

    // One outcome per text (document role); a failed batch fails its texts only.
    std::vector<inference::EmbedOutcome> embed_documents(std::span<const std::string> texts) const;
    // Throws the embedder's braid::Error (embedder_unavailable, embedder_error ...).
    std::vector<float> embed_document(const std::string& text) const;
    // From the cache, or embedded with the query prefix and remembered.
    std::vector<float> embed_query(const std::string& text) const;

    // Told of every call to the embedding service (metrics). Set before the embedders are built.
    void observe(std::shared_ptr<const inference::CallObserver> observer) { observer_ = std::move(observer); }

    const config::EmbedderConfig& config() const { return config_; }
    const std::string& vector_field() const { return vector_field_; }
    const std::vector<std::string>& source_fields() const { return source_; }
    std::string describe() const;

private:
    const inference::Embedder& documents() const;
    const inference::Embedder& queries() const;

    config::EmbedderConfig config_;
    std::string vector_field_;
    std::vector<std::string> source_;
    std::shared_ptr<const inference::CallObserver> observer_;
    mutable std::once_flag built_;
    mutable std::unique_ptr<inference::Embedder> documents_;
    mutable std::unique_ptr<inference::Embedder> queries_;  // null: the document embedder serves queries
    mutable inference::QueryCache cache_;
};

// The specs inference/ builds services from.
inference::EmbedderSpec embedder_spec(const config::EmbedderConfig& config, bool for_queries);
inference::RerankerSpec reranker_spec(const config::RerankerConfig& config);

}  // namespace braid::engine
