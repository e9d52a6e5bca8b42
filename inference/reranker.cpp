#include "inference/reranker.hpp"

#include <boost/json.hpp>

#include "net/url.hpp"

namespace braid::inference {

namespace json = boost::json;

RemoteReranker::RemoteReranker(RemoteRerankerSpec spec, std::shared_ptr<net::HttpClient> client) : spec_(std::move(spec)) {
    endpoint_.role = "reranker";
    endpoint_.label = spec_.protocol == RerankProtocol::cohere ? "cohere reranker" : "tei reranker";
    endpoint_.url = net::join_url(spec_.url, "rerank");
    net::parse_url(endpoint_.url);
    endpoint_.api_key = spec_.api_key;
    endpoint_.client = std::move(client);
}

std::vector<float> RemoteReranker::rerank(std::string_view query, std::span<const std::string> documents) const {
    if (documents.empty()) return {};
    json::array texts;
    texts.reserve(documents.size());
    for (const auto& d : documents) texts.emplace_back(d);
    json::object body;
    body["query"] = query;
    const bool cohere = spec_.protocol == RerankProtocol::cohere;
    if (cohere) {
        body["model"] = spec_.model;
        body["documents"] = std::move(texts);
        body["top_n"] = documents.size();
    } else {
        body["texts"] = std::move(texts);
    }
    const json::value answer = post_json(endpoint_, body);
    const json::value* results = &answer;
    if (cohere) {
        results = answer.is_object() ? answer.as_object().if_contains("results") : nullptr;
        if (results == nullptr) bad_answer(endpoint_, "the answer has no `results` array");
    }
    if (!results->is_array()) bad_answer(endpoint_, "the answer is not an array of scores");
    const char* score_key = cohere ? "relevance_score" : "score";
    std::vector<float> scores(documents.size());
    std::vector<bool> seen(documents.size(), false);
    for (const auto& item : results->as_array()) {
        const auto* o = item.if_object();
        const json::value* index = o != nullptr ? o->if_contains("index") : nullptr;
        const json::value* score = o != nullptr ? o->if_contains(score_key) : nullptr;
        if (index == nullptr || score == nullptr || !index->is_int64() || !score->is_number()) {
            bad_answer(endpoint_, std::string("each result needs an integer `index` and a numeric `") + score_key + "`");
        }
        const auto i = index->as_int64();
        if (i < 0 || static_cast<std::size_t>(i) >= documents.size() || seen[static_cast<std::size_t>(i)]) {
            bad_answer(endpoint_, "result index " + std::to_string(i) + " is out of range or repeated");
        }
        seen[static_cast<std::size_t>(i)] = true;
        scores[static_cast<std::size_t>(i)] = static_cast<float>(score->to_number<double>());
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
        if (!seen[i]) bad_answer(endpoint_, "no score for document " + std::to_string(i) + " of " + std::to_string(seen.size()));
    }
    return scores;
}

}  // namespace braid::inference
