#pragma once
// Query + documents -> one relevance score per document, in the documents' order.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "inference/service_call.hpp"

namespace braid::inference {

class Reranker {
public:
    virtual ~Reranker() = default;
    // Throws braid::Error (reranker_unavailable / reranker_error).
    virtual std::vector<float> rerank(std::string_view query, std::span<const std::string> documents) const = 0;
    virtual std::string describe() const = 0;
};

enum class RerankProtocol {
    cohere,  // POST {url}/rerank {model, query, documents, top_n} -> results[].{index, relevance_score}
    tei,     // POST {url}/rerank {query, texts} -> [{index, score}]
};

struct RemoteRerankerSpec {
    RerankProtocol protocol = RerankProtocol::cohere;
    std::string url;
    std::string model;
    std::string api_key;
};

class RemoteReranker : public Reranker {
public:
    RemoteReranker(RemoteRerankerSpec spec, std::shared_ptr<net::HttpClient> client);
    std::vector<float> rerank(std::string_view query, std::span<const std::string> documents) const override;
    std::string describe() const override { return endpoint_.label + " at " + endpoint_.url; }

private:
    RemoteRerankerSpec spec_;
    ServiceEndpoint endpoint_;
};

}  // namespace braid::inference
