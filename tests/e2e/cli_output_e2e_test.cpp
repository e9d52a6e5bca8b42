// What the command line tells a person: `braid search` prints a ranked table (and the JSON
// answer with --json), `braid serve` says how to load a configured collection that has sources
// but no documents, `braid index` fails when a line failed unless --allow-errors.
#include <sstream>

#include "tests/e2e/e2e_helpers.hpp"

namespace braid::e2e {
namespace {

using test_support::corpus_ndjson;
using test_support::embedding_of;
using test_support::json_of;
using test_support::TempDir;
using test_support::test_config;

using test_support::BraidServer;
using test_support::run_braid;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::vector<std::string> words_of(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

}  // namespace

TEST_CASE("braid search prints a ranked table by default, the indented JSON answer with --json", "[e2e][cli]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(30));
    REQUIRE(run_braid({"index", "--config", config.string()}).exit_code == 0);
    const auto vector_file = dir.write("vector.json", json::serialize(embedding_of(4)));
    const std::vector<std::string> common{"search", "--config", config.string(), "--collection", "docs", "--k", "4",
                                          "--vector-file", vector_file.string(), "jumping", "dog"};

    auto with_json = common;
    with_json.push_back("--json");
    const auto raw = run_braid(with_json);
    INFO(raw.err);
    REQUIRE(raw.exit_code == 0);
    CHECK(raw.out.find("\n  \"hits\": [") != std::string::npos);  // indented, one member per line
    const auto answer = json::parse(raw.out);
    const auto& hits = answer.at("hits").as_array();
    REQUIRE(hits.size() == 4);

    const auto table = run_braid(common);
    INFO(table.out);
    REQUIRE(table.exit_code == 0);
    const auto lines = lines_of(table.out);
    REQUIRE(lines.size() == 2 + hits.size());
    CHECK(lines[0].rfind("4 hits", 0) == 0);
    CHECK(lines[0].find("method=rrf") != std::string::npos);
    CHECK(words_of(lines[1]) == std::vector<std::string>{"rank", "id", "score", "lex", "dense", "title", "/", "text"});
    for (std::size_t i = 0; i < hits.size(); ++i) {
        INFO(lines[2 + i]);
        const auto words = words_of(lines[2 + i]);
        REQUIRE(words.size() >= 6);
        CHECK(words[0] == std::to_string(i + 1));
        CHECK(words[1] == hits[i].at("id").as_string());
        CHECK(std::stod(words[2]) == Approx(hits[i].at("score").to_number<double>()).margin(5e-5));
        const auto side = [&](const char* name) {
            const auto* s = hits[i].as_object().if_contains(name);
            return s ? std::to_string(s->at("rank").to_number<int>()) : std::string("-");
        };
        CHECK(words[3] == side("lexical"));
        CHECK(words[4] == side("dense"));
        CHECK(lines[2 + i].find(std::string(hits[i].at("document").at("title").as_string())) != std::string::npos);
    }
    const auto none = run_braid({"search", "--config", config.string(), "--collection", "docs", "zebra"});
    CHECK(none.exit_code == 0);
    CHECK(none.out.rfind("0 hits", 0) == 0);
}

TEST_CASE("braid index exits 1 after its summary when a line failed, 0 with --allow-errors", "[e2e][cli]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(5) + "{broken\n");
    const auto failed = run_braid({"index", "--config", config.string()});
    CHECK(failed.exit_code == 1);
    CHECK(failed.out.find("indexed 5 documents (1 failed)") != std::string::npos);
    CHECK(failed.err.find("--allow-errors") != std::string::npos);
    const auto allowed = run_braid({"index", "--config", config.string(), "--allow-errors"});
    CHECK(allowed.exit_code == 0);
    CHECK(allowed.out.find("indexed 5 documents (1 failed)") != std::string::npos);
    dir.write("corpus.jsonl", corpus_ndjson(5));
    CHECK(run_braid({"index", "--config", config.string()}).exit_code == 0);
}

TEST_CASE("serve on a configured collection with sources but no documents says how to load them", "[e2e][cli]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(3));
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(c.request("GET", "/health").status == 200);
        const std::string log = server.stderr_text();
        INFO(log);
        CHECK(log.find("collection docs: 0 documents") != std::string::npos);
        CHECK(log.find("braid index --config " + config.string()) != std::string::npos);
        CHECK(log.find("/collections/docs/documents/_bulk") != std::string::npos);
        REQUIRE(server.terminate() == 0);
    }
    REQUIRE(run_braid({"index", "--config", config.string()}).exit_code == 0);
    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    REQUIRE(c.request("GET", "/health").status == 200);
    const std::string log = server.stderr_text();
    INFO(log);
    CHECK(log.find("collection docs: 3 documents") != std::string::npos);
    CHECK(log.find("braid index") == std::string::npos);  // nothing to advise once loaded
}

}  // namespace braid::e2e
