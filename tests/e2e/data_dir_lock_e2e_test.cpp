// One data_dir, one process: a second `braid serve` or a `braid index` on a served data_dir is
// refused and names the holder; `braid index --url` loads through the running server instead,
// and every write acknowledged by that server survives its restart.
#include <catch2/catch.hpp>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a served data_dir refuses a second serve and a direct index - index --url loads through the server",
          "[e2e][lock]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(20) + "{broken\n");
    BraidServer server(config);
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
    Client c("127.0.0.1", server.port());
    REQUIRE(c.request("PUT", "/collections/docs/documents/before", R"({"title": "written before"})").status == 201);

    const auto second = run_braid({"serve", "--config", config.string()});
    INFO(second.err);
    CHECK(second.exit_code == 1);
    CHECK(contains(second.err, "is in use by braid serve (pid "));
    CHECK(contains(second.err, "serving " + url));

    const auto direct = run_braid({"index", "--config", config.string()});
    INFO(direct.err);
    CHECK(direct.exit_code == 1);
    CHECK(contains(direct.err, "is in use by braid serve"));
    CHECK(contains(direct.err, "--url " + url));
    CHECK(json_of(c.request("GET", "/collections/docs")).at("stats").at("documents") == 1);  // nothing loaded behind its back

    const auto through = run_braid({"index", "--config", config.string(), "--url", url, "--batch", "7"});
    INFO(through.err);
    REQUIRE(through.exit_code == 1);  // the bad line fails the command; the good ones are loaded
    CHECK(contains(through.out, "indexed 20 documents (1 failed)"));
    CHECK(contains(through.err, "corpus.jsonl:21"));  // the bad line, numbered in the file across batches
    CHECK(json_of(c.request("GET", "/collections/docs")).at("stats").at("documents") == 21);

    REQUIRE(c.request("PUT", "/collections/docs/documents/after", R"({"title": "written after"})").status == 201);
    REQUIRE(server.terminate() == 0);

    BraidServer again(config);
    Client d("127.0.0.1", again.port());
    CHECK(json_of(d.request("GET", "/collections/docs")).at("stats").at("documents") == 22);
    CHECK(json_of(d.request("GET", "/collections/docs/documents/after")).at("document").at("title") == "written after");
    CHECK(json_of(d.request("GET", "/collections/docs/documents/before")).at("document").at("title") == "written before");
    CHECK(json_of(d.request("GET", "/collections/docs/documents/d19")).at("document").at("title") ==
          corpus_doc(19).at("title"));
}

TEST_CASE("a killed server leaves no stale lock - a finished index leaves the data_dir free", "[e2e][lock]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(5));
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(c.request("PUT", "/collections/docs/documents/x", R"({"title": "kept"})").status == 201);
        server.kill_hard();
    }
    const auto indexed = run_braid({"index", "--config", config.string()});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    CHECK(json_of(c.request("GET", "/collections/docs")).at("stats").at("documents") == 6);
    const auto bad_url = run_braid({"index", "--config", config.string(), "--url", "localhost"});
    CHECK(bad_url.exit_code == 2);
    CHECK(contains(bad_url.err, "--url expects http://HOST:PORT"));
}
