// The search members of issue 13 as http reads them: mode, on_embedder_error, rerank.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "http/search_request_json.hpp"

using namespace braid;
namespace json = boost::json;

namespace {

engine::SearchRequest read(const char* body) { return http::parse_search_request(json::parse(body), {}); }

// The error reading `body` throws: its type and path.
std::pair<std::string, std::string> error_of(const char* body) {
    try {
        read(body);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::invalid_argument);
        return {e.type(), e.path()};
    }
    FAIL("no error for " << body);
    return {};
}

}  // namespace

TEST_CASE("mode and on_embedder_error are read, and absent when not given", "[http][inference]") {
    CHECK_FALSE(read(R"({"query": "x"})").mode.has_value());
    CHECK_FALSE(read(R"({"query": "x"})").lexical_on_embedder_error.has_value());
    CHECK(read(R"({"query": "x", "mode": "dense"})").mode == engine::SearchMode::dense);
    CHECK(read(R"({"query": "x", "mode": "lexical"})").mode == engine::SearchMode::lexical);
    CHECK(read(R"({"query": "x", "mode": "hybrid"})").mode == engine::SearchMode::hybrid);
    CHECK(read(R"({"query": "x", "on_embedder_error": "lexical"})").lexical_on_embedder_error == true);
    CHECK(read(R"({"query": "x", "on_embedder_error": "error"})").lexical_on_embedder_error == false);
    CHECK(error_of(R"({"query": "x", "mode": "semantic"})") == std::pair<std::string, std::string>{"invalid_request", "mode"});
    CHECK(error_of(R"({"query": "x", "on_embedder_error": "skip"})") ==
          std::pair<std::string, std::string>{"invalid_request", "on_embedder_error"});
}

TEST_CASE("rerank is read with its defaults and bounds", "[http][inference]") {
    const auto plain = read(R"({"query": "x", "rerank": {"reranker": "ms"}})").rerank;
    REQUIRE(plain);
    CHECK(plain->reranker == "ms");
    CHECK(plain->window == 50);
    CHECK(plain->fields.empty());
    CHECK_FALSE(plain->skip_on_error);
    const auto full = read(R"({"query": "x", "rerank": {"reranker": "ms", "window": 20, "fields": ["title"], "on_error": "skip"}})").rerank;
    CHECK(full->window == 20);
    CHECK(full->fields == std::vector<std::string>{"title"});
    CHECK(full->skip_on_error);

    CHECK(error_of(R"({"query": "x", "rerank": {}})").second == "rerank.reranker");
    CHECK(error_of(R"({"query": "x", "rerank": {"reranker": "ms", "window": 0}})").second == "rerank.window");
    CHECK(error_of(R"({"query": "x", "rerank": {"reranker": "ms", "window": 100000}})").second == "rerank.window");
    CHECK(error_of(R"({"query": "x", "rerank": {"reranker": "ms", "fields": []}})").second == "rerank.fields");
    CHECK(error_of(R"({"query": "x", "rerank": {"reranker": "ms", "on_error": "ignore"}})").second == "rerank.on_error");
    CHECK(error_of(R"({"query": "x", "rerank": {"reranker": "ms", "top": 3}})").first == "unknown_member");
}
