#include "inference/factory.hpp"

#include <cstdlib>

#include "core/error.hpp"
#include "inference/remote_embedder.hpp"
#include "inference/static_embedder.hpp"

namespace braid::inference {

namespace {

std::string api_key(const ServiceSettings& s, const char* error_type) {
    if (s.api_key_env.empty()) return {};
    const char* value = std::getenv(s.api_key_env.c_str());
    if (value == nullptr || *value == '\0') {
        throw Error(ErrorKind::invalid_argument, error_type,
                    "api_key_env: the environment variable " + s.api_key_env + " is not set", "api_key_env");
    }
    return value;
}

std::shared_ptr<net::HttpClient> client_for(const ServiceSettings& s, std::size_t concurrency) {
    net::ClientOptions options;
    options.request_timeout = s.timeout;
    options.connect_timeout = std::min(s.timeout, std::chrono::milliseconds(10'000));
    options.retry.max_retries = s.max_retries;
    options.max_connections_per_host = std::max<std::size_t>(concurrency, 1);
    options.ca_file = s.ca_file;
    return std::make_shared<net::HttpClient>(std::move(options));
}

void require_url(const ServiceSettings& s, const char* error_type) {
    if (s.url.empty()) throw Error(ErrorKind::invalid_argument, error_type, "url: required", "url");
}

}  // namespace

std::unique_ptr<Embedder> make_embedder(const EmbedderSpec& spec) {
    if (spec.type == "static") {
        if (spec.path.empty()) throw Error(ErrorKind::invalid_argument, "invalid_embedder", "path: required for a static embedder", "path");
        return std::make_unique<StaticEmbedder>(spec.path, spec.options);
    }
    RemoteEmbedderSpec remote;
    if (spec.type == "openai") {
        remote.protocol = EmbeddingProtocol::openai;
    } else if (spec.type == "ollama") {
        remote.protocol = EmbeddingProtocol::ollama;
    } else if (spec.type == "tei") {
        remote.protocol = EmbeddingProtocol::tei;
    } else {
        throw Error(ErrorKind::invalid_argument, "invalid_embedder",
                    "type: unknown embedder '" + spec.type + "' (expected openai, ollama, tei or static)", "type");
    }
    require_url(spec.service, "invalid_embedder");
    remote.url = spec.service.url;
    remote.model = spec.service.model;
    remote.api_key = api_key(spec.service, "invalid_embedder");
    return std::make_unique<RemoteEmbedder>(std::move(remote), spec.options,
                                            client_for(spec.service, spec.options.max_concurrency));
}

std::unique_ptr<Reranker> make_reranker(const RerankerSpec& spec) {
    RemoteRerankerSpec remote;
    if (spec.type == "cohere") {
        remote.protocol = RerankProtocol::cohere;
    } else if (spec.type == "tei") {
        remote.protocol = RerankProtocol::tei;
    } else {
        throw Error(ErrorKind::invalid_argument, "invalid_reranker",
                    "type: unknown reranker '" + spec.type + "' (expected cohere or tei)", "type");
    }
    require_url(spec.service, "invalid_reranker");
    remote.url = spec.service.url;
    remote.model = spec.service.model;
    remote.api_key = api_key(spec.service, "invalid_reranker");
    return std::make_unique<RemoteReranker>(std::move(remote), client_for(spec.service, 4));
}

}  // namespace braid::inference
