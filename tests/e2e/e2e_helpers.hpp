#pragma once
// What the end-to-end suites of this folder share: a `braid serve` loaded with the docs fixture
// through the bulk route, search and error helpers, and the fixture's documents and vectors
// recomputed on the test's side (the expected answers are derived from them, not from braid).
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "http/client.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace braid::e2e {

namespace json = boost::json;
using http::Client;
using http::ClientResponse;

constexpr int kCorpusSize = 40;

// A server of its own with the 40 fixture documents loaded through POST .../_bulk.
struct LoadedServer {
    test_support::TempDir dir{"braid-e2e"};
    std::unique_ptr<test_support::BraidServer> server;

    // `extra_server`: more members of the config's "server" object; `api_key`: the key to load with.
    explicit LoadedServer(const std::string& extra_server = "", const std::string& api_key = "") {
        const auto config = dir.write("braid.json", test_support::test_config(extra_server));
        server = std::make_unique<test_support::BraidServer>(config);
        Client c = client();
        std::vector<std::pair<std::string, std::string>> headers;
        if (!api_key.empty()) headers.emplace_back("Authorization", "Bearer " + api_key);
        const auto bulk = c.request("POST", "/collections/docs/documents/_bulk",
                                    test_support::corpus_ndjson(kCorpusSize), "application/x-ndjson", headers);
        INFO(bulk.body);
        REQUIRE(bulk.status == 200);
        REQUIRE(json::parse(bulk.body).at("indexed") == kCorpusSize);
    }
    Client client() const { return Client("127.0.0.1", server->port()); }
};

inline json::value search_ok(Client& c, const json::object& body, const std::string& collection = "docs") {
    const auto response = c.request("POST", "/collections/" + collection + "/search", json::serialize(body));
    INFO(json::serialize(body) << " -> " << response.body);
    REQUIRE(response.status == 200);
    return json::parse(response.body);
}

inline std::vector<std::string> hit_ids(const json::value& answer) {
    std::vector<std::string> ids;
    for (const auto& hit : answer.at("hits").as_array()) ids.emplace_back(hit.at("id").as_string());
    return ids;
}

inline std::set<std::string> id_set(const json::value& answer) {
    const auto ids = hit_ids(answer);
    return {ids.begin(), ids.end()};
}

// "d7", "w1-3": ids built by appending (GCC 12 warns, wrongly, on `"d" + std::to_string(i)`).
inline std::string numbered(const char* prefix, int a, int b = -1) {
    std::string id = prefix;
    id += std::to_string(a);
    if (b >= 0) {
        id += '-';
        id += std::to_string(b);
    }
    return id;
}

inline std::string doc_id(int i) { return numbered("d", i); }

// The error body of the README: {"error": {"type", "message", "path"}}. Every error has a
// non-empty `path`; it is compared when given. Returns the error object.
inline json::object require_error(const ClientResponse& response, unsigned status, const std::string& path = "") {
    INFO(response.body);
    REQUIRE(response.status == status);
    boost::system::error_code ec;
    const auto body = json::parse(response.body, ec);
    REQUIRE_FALSE(ec);
    REQUIRE(body.is_object());
    const auto& error = body.at("error").as_object();
    CHECK(error.at("type").is_string());
    CHECK_FALSE(error.at("type").as_string().empty());
    CHECK_FALSE(error.at("message").as_string().empty());
    REQUIRE(error.contains("path"));
    CHECK_FALSE(error.at("path").as_string().empty());
    if (!path.empty()) CHECK(error.at("path") == path.c_str());
    return error;
}

// The fixture's documents, rebuilt here from tests/support/docs_fixture.hpp.
inline std::string text_of(int i) {
    const auto doc = test_support::corpus_doc(i);
    return std::string(doc.at("title").as_string()) + " " + std::string(doc.at("body").as_string());
}

inline std::vector<double> to_vector(const json::array& values) {
    std::vector<double> out;
    for (const auto& v : values) out.push_back(v.to_number<double>());
    return out;
}

inline double cosine(const std::vector<double>& a, const std::vector<double>& b) {
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return dot / std::sqrt(na * nb);
}

// Documents by cosine similarity to `query`, computed by brute force in the test: best first.
inline std::vector<std::pair<std::string, double>> brute_force_cosine(const std::vector<double>& query,
                                                                      const std::vector<int>& docs) {
    std::vector<std::pair<std::string, double>> scored;
    for (int i : docs) scored.emplace_back(doc_id(i), cosine(query, to_vector(test_support::embedding_of(i))));
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return scored;
}

inline std::vector<int> all_docs() {
    std::vector<int> out;
    for (int i = 0; i < kCorpusSize; ++i) out.push_back(i);
    return out;
}

}  // namespace braid::e2e
