#pragma once
// The "docs" collection the end-to-end and hardening suites serve: a config for `braid serve`
// (port 0, data under ./data), a 40-document corpus with 4-d embeddings, and a JSON shortcut.
#include <cmath>
#include <string>

#include <boost/json.hpp>

#include "http/client.hpp"

namespace braid::test_support {

inline std::string test_config(const std::string& extra_server = "") {
    return R"({
  "server": {"host": "127.0.0.1", "port": 0, "data_dir": "data", "threads": 2,
             "max_body_bytes": 65536, "max_k": 100, "request_timeout_ms": 5000)" +
           extra_server + R"(},
  "analyzers": {"en": {"tokenizer": "icu", "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "english"}]}},
  "collections": [{
    "name": "docs", "id_field": "id",
    "fields": {"title": {"type": "text", "analyzer": "en"}, "body": {"type": "text", "analyzer": "en"},
               "tags": {"type": "keyword"}, "year": {"type": "integer"}},
    "vector": {"field": "embedding", "dimension": 4, "metric": "cosine",
               "index": {"type": "hnsw", "m": 16, "ef_construction": 64, "ef_search": 64}},
    "sources": [{"path": "corpus.jsonl"}]
  }]
})";
}

inline boost::json::array embedding_of(int i) {
    return {std::cos(i * 0.7), std::sin(i * 0.7), 0.1 + (i % 5) / 5.0, 1.0};
}

// 40 documents: every one mentions "cat"; "dog" in every third; year 2000 + i % 20.
inline boost::json::object corpus_doc(int i) {
    static const char* animals[] = {"running cats", "a jumping cat", "the cat sleeps", "cats and dogs"};
    std::string title = "Document ";
    title.append(std::to_string(i)).append(" about ").append(animals[i % 4]);
    std::string body = "This text is number ";
    body.append(std::to_string(i)).append(i % 3 == 0 ? " with a dog" : " only").append(" and a cat");
    boost::json::array tags{i % 2 == 0 ? "even" : "odd"};
    if (i % 10 == 0) tags.push_back("round");
    std::string id = "d";
    id += std::to_string(i);
    return {{"id", id}, {"title", title}, {"body", body}, {"tags", tags},
            {"year", 2000 + i % 20}, {"embedding", embedding_of(i)}};
}

inline std::string corpus_ndjson(int count = 40) {
    std::string out;
    for (int i = 0; i < count; ++i) out += boost::json::serialize(corpus_doc(i)) + "\n";
    return out;
}

inline boost::json::value json_of(const http::ClientResponse& response) {
    boost::json::error_code ec;
    auto value = boost::json::parse(response.body, ec);
    if (ec) return boost::json::value(response.body);  // keeps the raw text visible in failures
    return value;
}

}  // namespace braid::test_support
