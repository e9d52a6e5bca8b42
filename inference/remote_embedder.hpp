#pragma once
// Embedders behind an HTTP service: the OpenAI embeddings protocol (POST {url}/embeddings),
// Ollama (POST {url}/api/embed) and Hugging Face text-embeddings-inference (POST {url}/embed).
#include <memory>
#include <string>

#include "inference/embedder.hpp"
#include "inference/service_call.hpp"

namespace braid::inference {

enum class EmbeddingProtocol { openai, ollama, tei };

struct RemoteEmbedderSpec {
    EmbeddingProtocol protocol = EmbeddingProtocol::openai;
    std::string url;      // the service's base URL ("http://127.0.0.1:11434/v1")
    std::string model;    // sent as `model` (openai, ollama)
    std::string api_key;  // Bearer token, when not empty
};

class RemoteEmbedder : public Embedder {
public:
    RemoteEmbedder(RemoteEmbedderSpec spec, EmbedderOptions options, std::shared_ptr<net::HttpClient> client);
    std::string describe() const override { return endpoint_.label + " at " + endpoint_.url; }

protected:
    std::vector<std::vector<float>> embed_batch(std::span<const std::string> texts) const override;

private:
    std::vector<std::vector<float>> parse_openai(const boost::json::value& answer, std::size_t n) const;
    std::vector<std::vector<float>> parse_list(const boost::json::value& list, std::size_t n, const char* what) const;

    RemoteEmbedderSpec spec_;
    ServiceEndpoint endpoint_;
};

}  // namespace braid::inference
