#pragma once
// Protocol-faithful model services for the end-to-end tests, on 127.0.0.1 ephemeral ports
// (tests/net/stand_in_server.hpp): an OpenAI-embeddings stand-in whose vectors are a toy bag of
// words the test can recompute, and a Cohere-rerank stand-in scoring shared words.
#include <atomic>
#include <cctype>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "tests/net/stand_in_server.hpp"

namespace braid::e2e {

using test::ReceivedRequest;
using test::Reply;
using test::StandInServer;

inline constexpr std::size_t kToyDimension = 8;

inline std::vector<std::string> toy_words(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text + " ") {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    return words;
}

// The toy model: each word adds 1 to a dimension chosen by its hash; a small constant keeps it nonzero.
inline std::vector<double> toy_embedding(const std::string& text) {
    std::vector<double> v(kToyDimension, 0.0);
    v[0] = 0.05;
    for (const auto& word : toy_words(text)) {
        std::uint32_t h = 2166136261u;
        for (const char c : word) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
        v[h % kToyDimension] += 1.0;
    }
    return v;
}

// POST /v1/embeddings {model, input: [...]}: answers data[] in reverse order (each with its
// index, as the protocol allows). A batch with a text containing "poison" is refused with a 400.
struct ToyEmbedder {
    std::atomic<int> texts{0};
    StandInServer server{[this](const ReceivedRequest& req) { return answer(req); }};

    std::string url() const { return server.url("/v1"); }

    Reply answer(const ReceivedRequest& req) {
        namespace json = boost::json;
        if (req.method != "POST" || req.target != "/v1/embeddings") return Reply::json(R"({"error":"not found"})", 404);
        json::error_code ec;
        const json::value body = json::parse(req.body, ec);
        if (ec || !body.is_object() || !body.as_object().contains("input") || body.at("model") != "toy")
            return Reply::json(R"({"error":{"message":"expected {model: toy, input: [...]}"}})", 400);
        const auto& input = body.at("input").as_array();
        json::array data;
        for (std::size_t i = input.size(); i-- > 0;) {
            const std::string text(input[i].as_string());
            if (text.find("poison") != std::string::npos)
                return Reply::json(R"({"error":{"message":"input rejected by the toy model"}})", 400);
            json::array embedding;
            for (const double x : toy_embedding(text)) embedding.emplace_back(x);
            data.push_back(json::object{{"object", "embedding"}, {"index", i}, {"embedding", std::move(embedding)}});
        }
        texts += static_cast<int>(input.size());
        return Reply::json(json::serialize(json::object{{"object", "list"}, {"data", std::move(data)}, {"model", "toy"}}));
    }
};

// The toy reranker's score: how many distinct query words the document has.
inline double toy_rerank_score(const std::string& query, const std::string& document) {
    const auto q = toy_words(query);
    const auto d = toy_words(document);
    const std::set<std::string> words(d.begin(), d.end());
    const std::set<std::string> asked(q.begin(), q.end());
    double score = 0;
    for (const auto& w : asked) score += words.count(w);
    return score;
}

// POST /rerank {model, query, documents, top_n} -> {results: [{index, relevance_score}]}, best first.
struct ToyReranker {
    StandInServer server{[](const ReceivedRequest& req) { return answer(req); }};

    static Reply answer(const ReceivedRequest& req) {
        namespace json = boost::json;
        if (req.method != "POST" || req.target != "/rerank") return Reply::json(R"({"error":"not found"})", 404);
        const json::value body = json::parse(req.body);
        const std::string query(body.at("query").as_string());
        const auto& documents = body.at("documents").as_array();
        std::vector<std::pair<double, std::size_t>> scored;
        for (std::size_t i = 0; i < documents.size(); ++i)
            scored.emplace_back(toy_rerank_score(query, std::string(documents[i].as_string())), i);
        std::stable_sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
        json::array results;
        for (const auto& [score, i] : scored) results.push_back(json::object{{"index", i}, {"relevance_score", score}});
        return Reply::json(json::serialize(json::object{{"results", std::move(results)}}));
    }
};

}  // namespace braid::e2e
