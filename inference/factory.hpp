#pragma once
// Builds an embedder or a reranker from plain settings (the engine translates its configuration
// into these). Remote ones get their own HttpClient sized to their concurrency.
#include <chrono>
#include <memory>
#include <string>

#include "inference/embedder.hpp"
#include "inference/reranker.hpp"

namespace braid::inference {

struct ServiceSettings {
    std::string url;
    std::string model;
    std::string api_key_env;  // the environment variable holding the API key; "" for none
    std::string ca_file;      // extra CA bundle for https; "" for the system CAs
    std::chrono::milliseconds timeout{30'000};
    int max_retries = 5;
};

struct EmbedderSpec {
    std::string type;  // "openai", "ollama", "tei" or "static"
    std::string path;  // the model folder, for "static"
    ServiceSettings service;
    EmbedderOptions options;
};

struct RerankerSpec {
    std::string type;  // "cohere" or "tei"
    ServiceSettings service;
};

// Throw braid::Error (invalid_argument; "invalid_embedder" / "invalid_reranker" / "invalid_model"
// / "invalid_url") for an unknown type, a missing url or model folder, or an unset API key variable.
std::unique_ptr<Embedder> make_embedder(const EmbedderSpec& spec);
std::unique_ptr<Reranker> make_reranker(const RerankerSpec& spec);

}  // namespace braid::inference
