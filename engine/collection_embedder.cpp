#include "engine/collection_embedder.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace braid::engine {

namespace json = boost::json;

inference::EmbedderSpec embedder_spec(const config::EmbedderConfig& config, bool for_queries) {
    inference::EmbedderSpec spec;
    spec.type = config.type;
    spec.path = config.path;
    spec.service.url = config.url;
    spec.service.model = config.model;
    spec.service.api_key_env = config.api_key_env;
    spec.service.ca_file = config.ca_file;
    spec.service.timeout = std::chrono::milliseconds(config.timeout_ms);
    // A search waits for one attempt only: it answers 503 (or falls back) within timeout_ms.
    spec.service.max_retries = for_queries ? 0 : static_cast<int>(config.max_retries);
    spec.options.document_prefix = config.document_prefix;
    spec.options.query_prefix = config.query_prefix;
    spec.options.dimensions = config.dimensions;
    spec.options.batch_size = config.batch_size;
    spec.options.max_concurrency = for_queries ? 1 : config.max_concurrency;
    return spec;
}

inference::RerankerSpec reranker_spec(const config::RerankerConfig& config) {
    inference::RerankerSpec spec;
    spec.type = config.type;
    spec.service.url = config.url;
    spec.service.model = config.model;
    spec.service.api_key_env = config.api_key_env;
    spec.service.ca_file = config.ca_file;
    spec.service.timeout = std::chrono::milliseconds(config.timeout_ms);
    spec.service.max_retries = static_cast<int>(config.max_retries);
    return spec;
}

CollectionEmbedder::CollectionEmbedder(const config::CollectionConfig& schema)
    : config_(*schema.vector->embedder), vector_field_(schema.vector->field), cache_(config_.query_cache) {
    source_ = config_.source;
    if (source_.empty()) {
        for (const auto& field : schema.fields)
            if (field.type == config::FieldType::text) source_.push_back(field.name);
    }
}

void CollectionEmbedder::prepare() const {
    std::call_once(built_, [this] {
        auto documents = embedder_spec(config_, false), queries = embedder_spec(config_, true);
        documents.options.observer = queries.options.observer = observer_;
        documents_ = inference::make_embedder(documents);
        if (config_.type != "static") queries_ = inference::make_embedder(queries);
    });
}

const inference::Embedder& CollectionEmbedder::documents() const {
    prepare();
    return *documents_;
}

const inference::Embedder& CollectionEmbedder::queries() const {
    prepare();
    return queries_ ? *queries_ : *documents_;
}

std::string CollectionEmbedder::describe() const {
    return config_.type + " embedder" + (config_.url.empty() ? " " + config_.path : " at " + config_.url);
}

std::string CollectionEmbedder::source_text(const json::object& document) const {
    std::string text;
    const auto add = [&](std::string_view part) {
        if (part.empty()) return;
        if (!text.empty()) text += '\n';
        text += part;
    };
    for (const auto& field : source_) {
        const json::value* value = document.if_contains(field);
        if (value == nullptr) continue;
        if (value->is_string()) add(value->get_string());
        if (value->is_array()) {
            for (const auto& item : value->get_array())
                if (item.is_string()) add(item.get_string());
        }
    }
    return text;
}

bool CollectionEmbedder::wants_vector(const json::object& document) const {
    const json::value* vector = document.if_contains(vector_field_);
    if (vector != nullptr && !vector->is_null()) return false;
    return !source_text(document).empty();
}

std::vector<inference::EmbedOutcome> CollectionEmbedder::embed_documents(std::span<const std::string> texts) const {
    try {
        return documents().embed_each(texts, inference::EmbedRole::document);
    } catch (const Error& e) {  // the embedder could not be built: every text fails with why
        std::vector<inference::EmbedOutcome> failed(texts.size());
        for (auto& outcome : failed) outcome.error = e;
        return failed;
    }
}

std::vector<float> CollectionEmbedder::embed_document(const std::string& text) const {
    return documents().embed_one(text, inference::EmbedRole::document);
}

std::vector<float> CollectionEmbedder::embed_query(const std::string& text) const {
    return inference::embed_query(queries(), cache_, text);
}

}  // namespace braid::engine
