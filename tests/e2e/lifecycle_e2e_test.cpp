// The `braid` command line and the server's life: API key, SIGTERM, restart with the data kept,
// `index` then `serve`, `search`, `analyze`, `eval`.
#include <catch2/catch.hpp>

#include <sstream>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

std::vector<std::pair<std::string, std::string>> bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

}  // namespace

TEST_CASE("braid --help lists the subcommands - analyze prints tokens", "[e2e][cli]") {
    const auto help = run_braid({"--help"});
    CHECK(help.exit_code == 0);
    for (const char* command : {"serve", "index", "search", "eval", "analyze"}) {
        CHECK(help.out.find(command) != std::string::npos);
    }
    const auto analyzed = run_braid({"analyze", "--analyzer", "english", "Running CATS are jumping!"});
    INFO(analyzed.err);
    REQUIRE(analyzed.exit_code == 0);
    const auto answer = json::parse(analyzed.out);
    std::vector<std::string> tokens;
    for (const auto& token : answer.at("tokens").as_array()) {
        tokens.emplace_back(token.at("token").as_string());
    }
    CHECK(tokens == std::vector<std::string>{"run", "cat", "jump"});
    CHECK(run_braid({"analyze", "--analyzer", "klingon", "x"}).exit_code != 0);
    CHECK(run_braid({"frobnicate"}).exit_code == 2);
    CHECK(run_braid({"serve", "--bogus"}).exit_code == 2);
    const auto missing = run_braid({"serve", "--config", "/nonexistent/braid.json"});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("/nonexistent/braid.json") != std::string::npos);
}

TEST_CASE("an API key guards every route but /health", "[e2e][auth]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config(R"(, "api_key": "from-config")"));
    SECTION("from the config file") {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        CHECK(c.request("GET", "/health").status == 200);
        const auto missing = c.request("GET", "/collections");
        CHECK(missing.status == 401);
        CHECK(json_of(missing).at("error").at("type") == "unauthorized");
        CHECK(c.request("GET", "/collections", "", "", bearer("wrong")).status == 401);
        CHECK(c.request("GET", "/collections", "", "", {{"Authorization", "Basic from-config"}}).status == 401);
        CHECK(c.request("GET", "/collections", "", "", bearer("from-config")).status == 200);
        CHECK(c.request("GET", "/no/route", "", "", {}).status == 401);  // no route discovery without a key
        CHECK(c.request("POST", "/collections/docs/search", R"({"query":"x"})", "application/json",
                        bearer("from-config")).status == 200);
    }
    SECTION("BRAID_API_KEY overrides the config") {
        BraidServer server(config, ServeOptions::with_env({{"BRAID_API_KEY", "from-env"}}));
        Client c("127.0.0.1", server.port());
        CHECK(c.request("GET", "/collections", "", "", bearer("from-config")).status == 401);
        CHECK(c.request("GET", "/collections", "", "", bearer("from-env")).status == 200);
    }
}

TEST_CASE("SIGTERM stops gracefully - a restart finds the data", "[e2e][persistence]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    json::value d5_before;
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        const auto bulk = c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(12),
                                    "application/x-ndjson");
        REQUIRE(json_of(bulk).at("indexed") == 12);
        CHECK(c.request("DELETE", "/collections/docs/documents/d3").status == 200);
        d5_before = json_of(c.request("GET", "/collections/docs/documents/d5"));
        CHECK(c.request("PUT", "/collections/extra",
                        R"({"fields":{"t":{"type":"text"}}})").status == 201);
        CHECK(c.request("PUT", "/collections/extra/documents/e1", R"({"t":"hello world"})").status == 201);
        CHECK(server.terminate() == 0);
        INFO(server.stderr_text());
    }
    BraidServer again(config);
    Client c("127.0.0.1", again.port());
    const auto docs = json_of(c.request("GET", "/collections/docs"));
    CHECK(docs.at("stats").at("documents") == 11);
    CHECK(c.request("GET", "/collections/docs/documents/d3").status == 404);
    const auto d5 = json_of(c.request("GET", "/collections/docs/documents/d5"));
    CHECK(d5 == d5_before);  // byte for byte what was served before the restart
    CHECK(d5.at("document").at("title") == corpus_doc(5).at("title"));
    const auto hits = json_of(c.request("POST", "/collections/extra/search", R"({"query":"hello"})"));
    CHECK(hits.at("hits").at(0).at("id") == "e1");
    const auto search = json_of(c.request("POST", "/collections/docs/search",
                                          json::serialize(json::object{{"vector", embedding_of(5)}, {"k", 1}})));
    CHECK(search.at("hits").at(0).at("id") == "d5");
    CHECK(again.terminate() == 0);
}

TEST_CASE("braid index loads sources - serve, search and eval find the data", "[e2e][cli]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(30) + "{broken\n");
    const auto indexed = run_braid({"index", "--config", config.string(), "--allow-errors"});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);  // a failed line is accepted when asked to
    CHECK(indexed.out.find("indexed 30 documents (1 failed)") != std::string::npos);
    CHECK(indexed.err.find("corpus.jsonl:31") != std::string::npos);

    const auto searched = run_braid({"search", "--config", config.string(), "--collection", "docs", "--k", "3", "--json", "dog"});
    INFO(searched.err);
    REQUIRE(searched.exit_code == 0);
    const auto answer = json::parse(searched.out);
    CHECK(answer.at("hits").as_array().size() == 3);
    CHECK(answer.at("fusion").is_null());

    const auto vector_file = dir.write("vector.json", json::serialize(embedding_of(4)));
    const auto hybrid = run_braid({"search", "--config", config.string(), "--collection", "docs", "--k", "2",
                                   "--vector-file", vector_file.string(), "--fusion", "linear", "--explain", "--json", "cat"});
    INFO(hybrid.err);
    REQUIRE(hybrid.exit_code == 0);
    const auto hybrid_answer = json::parse(hybrid.out);
    CHECK(hybrid_answer.at("fusion").at("method") == "linear");
    CHECK(hybrid_answer.at("hits").as_array().size() == 2);
    CHECK(run_braid({"search", "--config", config.string(), "--collection", "docs", "--k", "0", "cat"}).exit_code == 1);
    CHECK(run_braid({"search", "--config", config.string(), "--collection", "nope", "cat"}).exit_code == 1);

    // A BEIR folder whose qrels make d0 the one relevant answer to a "dog" query.
    dir.write("beir/queries.jsonl",
              json::serialize(json::object{{"_id", "q1"}, {"text", "document 0 dog"}, {"embedding", embedding_of(0)}}) + "\n");
    dir.write("beir/qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td0\t1\n");
    const auto evaluated = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir",
                                      (dir.path() / "beir").string()});
    INFO(evaluated.out << evaluated.err);
    REQUIRE(evaluated.exit_code == 0);
    CHECK(evaluated.out.find("dense") != std::string::npos);
    CHECK(evaluated.out.find("1.0000") != std::string::npos);  // Recall@100 of the one relevant doc

    const auto grid = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir",
                                 (dir.path() / "beir").string(), "--grid"});
    CHECK(grid.exit_code == 0);
    CHECK(grid.out.find("grid rrf k=10 ") != std::string::npos);
    CHECK(grid.out.find("grid linear alpha=0.3 zscore") != std::string::npos);

    BraidServer server(config);  // serve does not load sources, but finds what index stored
    Client c("127.0.0.1", server.port());
    CHECK(json_of(c.request("GET", "/collections/docs")).at("stats").at("documents") == 30);
    const auto over_http = run_braid({"eval", "--url", "http://127.0.0.1:" + std::to_string(server.port()),
                                      "--collection", "docs", "--beir", (dir.path() / "beir").string()});
    INFO(over_http.err);
    CHECK(over_http.exit_code == 0);
    auto metric_lines = [](const std::string& text) {
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("lexical", 0) == 0 || line.rfind("dense", 0) == 0 || line.rfind("hybrid", 0) == 0) {
                lines.push_back(line.substr(0, 65));  // setting and metrics, not the timing
            }
        }
        return lines;
    };
    CHECK(metric_lines(over_http.out) == metric_lines(evaluated.out));
    CHECK(metric_lines(evaluated.out).size() == 4);
    // While the server holds the data_dir, commands that would open it point to --url instead.
    const auto locked = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir",
                                   (dir.path() / "beir").string()});
    CHECK(locked.exit_code == 1);
    CHECK(locked.err.find("in use by braid serve") != std::string::npos);
}
