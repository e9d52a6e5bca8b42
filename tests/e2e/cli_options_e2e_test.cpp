// The README's command-line options, each with an answer the test derives itself:
// `serve --port`, `index --batch`, `search --offset` and `--request`, `eval --queries-vectors`.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <limits>
#include <cstdio>
#include <sstream>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/support/json_compare.hpp"

using namespace braid::e2e;
using braid::test_support::BraidServer;
using braid::test_support::corpus_doc;
using braid::test_support::corpus_ndjson;
using braid::test_support::embedding_of;
using braid::test_support::run_braid;
using braid::test_support::ServeOptions;
using braid::test_support::TempDir;
using braid::test_support::test_config;

namespace {

// 1 and 1.0 are one number; Boost.JSON 1.81 reads a decimal to within one unit in the last place.
bool same_json(const json::value& a, const json::value& b) {
    return braid::test_support::same_json(a, b, 4 * std::numeric_limits<double>::epsilon());
}

// A port nobody listens on right now (the kernel's pick for a socket we then close).
std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

bool accepts_connections(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

json::value parse_stdout(const braid::test_support::RunResult& run) {
    INFO("stdout: " << run.out << "\nstderr: " << run.err);
    REQUIRE(run.exit_code == 0);
    return json::parse(run.out);
}

// The nDCG@10 and Recall@100 columns of `braid eval`'s line for `setting`; empty when absent.
std::vector<double> eval_figures(const std::string& out, const std::string& setting) {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(setting, 0) != 0) continue;
        double ndcg = 0, recall = 0;
        if (std::sscanf(line.c_str() + 44, "%lf %lf", &ndcg, &recall) == 2) return {ndcg, recall};
        return {};
    }
    return {};
}

}  // namespace

TEST_CASE("serve --port listens on that port, whatever the config says", "[e2e][cli]") {
    TempDir dir;
    const std::uint16_t configured = free_port(), wanted = free_port();
    REQUIRE(configured != wanted);
    std::string config_text = test_config();
    const std::string port_zero = R"("port": 0)";
    config_text.replace(config_text.find(port_zero), port_zero.size(), "\"port\": " + std::to_string(configured));
    const auto config = dir.write("braid.json", config_text);
    {
        BraidServer server(config, ServeOptions::with_args({"--port", std::to_string(wanted)}));
        CHECK(server.port() == wanted);
        Client c("127.0.0.1", wanted);
        CHECK(c.request("GET", "/health").status == 200);
        CHECK_FALSE(accepts_connections(configured));
        CHECK(server.terminate() == 0);
    }
    for (const char* bad : {"70000", "-1", "eighty"}) {
        INFO("--port " << bad);
        const auto refused = run_braid({"serve", "--config", config.string(), "--port", bad});
        CHECK(refused.exit_code != 0);
        CHECK(refused.err.find("port") != std::string::npos);
    }
}

TEST_CASE("index --batch: the same documents and the same failed line numbers at any batch size", "[e2e][cli]") {
    // 30 good documents with 4 bad lines among them, at file lines 3, 8, 15 and 34 (the last).
    std::vector<std::string> lines;
    std::istringstream good(corpus_ndjson(30));
    for (std::string line; std::getline(good, line);) lines.push_back(line);
    const std::vector<std::size_t> bad_lines = {3, 8, 15, 34};
    for (const std::size_t at : bad_lines) lines.insert(lines.begin() + static_cast<long>(at - 1), "{broken");
    REQUIRE(lines.size() == 34);
    std::string corpus;
    for (const auto& line : lines) corpus += line + "\n";

    for (const char* batch : {"1", "4", "7", "1000"}) {
        INFO("--batch " << batch);
        TempDir dir;
        const auto config = dir.write("braid.json", test_config());
        dir.write("corpus.jsonl", corpus);
        const auto indexed = run_braid({"index", "--config", config.string(), "--batch", batch});
        INFO(indexed.out << indexed.err);
        REQUIRE(indexed.exit_code == 1);  // failed lines fail the command (without --allow-errors) ...
        CHECK(indexed.out.find("indexed 30 documents (4 failed)") != std::string::npos);  // ... after the summary
        CHECK(indexed.err.find("4 lines failed") != std::string::npos);
        for (const std::size_t line : bad_lines) {
            CHECK(indexed.err.find("corpus.jsonl:" + std::to_string(line) + ": ") != std::string::npos);
        }
        for (const std::size_t line : {1, 2, 4, 9, 16, 33}) {  // good lines are not reported
            CHECK(indexed.err.find("corpus.jsonl:" + std::to_string(line) + ": ") == std::string::npos);
        }
        // Every good document is there, as written (both sides parsed from text by the same parser).
        const auto all = parse_stdout(run_braid({"search", "--config", config.string(), "--collection", "docs",
                                                 "--k", "100", "--json", "cat"}));
        std::set<std::string> expected;
        for (int i = 0; i < 30; ++i) expected.insert(doc_id(i));
        CHECK(id_set(all) == expected);
        for (const auto& hit : all.at("hits").as_array()) {
            const std::string id(hit.at("id").as_string());
            json::value sent = corpus_doc(std::stoi(id.substr(1)));
            sent.as_object().erase("embedding");  // hits leave the vector out
            CHECK(same_json(hit.at("document"), sent));
        }
    }
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus);
    const auto zero = run_braid({"index", "--config", config.string(), "--batch", "0"});
    CHECK(zero.exit_code != 0);
    CHECK(zero.err.find("--batch") != std::string::npos);
}

TEST_CASE("search --offset pages, --request takes a whole body that the options then override", "[e2e][cli]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(30));
    REQUIRE(run_braid({"index", "--config", config.string()}).exit_code == 0);
    auto cli_search = [&](std::vector<std::string> args) {
        std::vector<std::string> all{"search", "--config", config.string(), "--collection", "docs", "--json"};
        all.insert(all.end(), args.begin(), args.end());
        return parse_stdout(run_braid(all));
    };

    SECTION("--offset") {
        const auto first = hit_ids(cli_search({"--k", "8", "dog"}));
        REQUIRE(first.size() == 8);
        CHECK(hit_ids(cli_search({"--k", "3", "--offset", "2", "dog"})) ==
              std::vector<std::string>(first.begin() + 2, first.begin() + 5));
        CHECK(hit_ids(cli_search({"--k", "5", "--offset", "28", "cat"})).size() == 2);  // 30 documents
        CHECK(cli_search({"--k", "5", "--offset", "30", "cat"}).at("hits").as_array().empty());
    }
    SECTION("--request") {
        const auto request = dir.write("request.json",
                                       R"({"query": "dog", "fields": {"body": 1.0}, "filter": {"tags": "even"}, "k": 50})");
        // Expected from the documents: even tag and "dog" in the body (i % 2 == 0 and i % 3 == 0).
        std::set<std::string> even_dog, even;
        for (int i = 0; i < 30; ++i) {
            if (i % 2 == 0) even.insert(doc_id(i));
            if (i % 2 == 0 && i % 3 == 0) even_dog.insert(doc_id(i));
        }
        const auto answer = cli_search({"--request", request.string()});
        CHECK(id_set(answer) == even_dog);
        // Options override the file's members, the rest of the file stays.
        const auto two = cli_search({"--request", request.string(), "--k", "2"});
        const auto answer_ids = hit_ids(answer);
        REQUIRE(answer_ids.size() >= 2);
        CHECK(hit_ids(two) == std::vector<std::string>(answer_ids.begin(), answer_ids.begin() + 2));
        CHECK(id_set(cli_search({"--request", request.string(), "number"})) == even);   // the body has "number"
        CHECK(cli_search({"--request", request.string(), "sleeps"}).at("hits").as_array().empty());  // title only

        // A hybrid body: the CLI answers what the server answers over HTTP for the same body.
        const json::object hybrid{{"query", "cat jumping"}, {"vector", embedding_of(4)}, {"k", 7},
                                  {"fusion", {{"method", "linear"}, {"alpha", 0.4}, {"normalization", "zscore"}}}};
        const auto hybrid_file = dir.write("hybrid.json", json::serialize(hybrid));
        const auto from_cli = cli_search({"--request", hybrid_file.string()});
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        const auto over_http = search_ok(c, hybrid);
        CHECK(from_cli.at("hits") == over_http.at("hits"));
        CHECK(from_cli.at("fusion") == over_http.at("fusion"));
        CHECK(hit_ids(from_cli).size() == 7);
    }
}

TEST_CASE("eval --queries-vectors supplies the query vectors the dense and hybrid runs need", "[e2e][cli]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(30));
    REQUIRE(run_braid({"index", "--config", config.string()}).exit_code == 0);
    // Two judged queries without vectors in queries.jsonl; their vectors in a file of their own.
    dir.write("beir/queries.jsonl", R"({"_id": "q1", "text": "document 0 dog"})" "\n"
                                    R"({"_id": "q2", "text": "jumping"})" "\n");
    dir.write("beir/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td0\t1\nq2\td5\t1\n");
    const auto vectors = dir.write("vectors.jsonl",
                                   json::serialize(json::object{{"_id", "q2"}, {"embedding", embedding_of(23)}}) + "\n" +
                                   json::serialize(json::object{{"_id", "q1"}, {"embedding", embedding_of(0)}}) + "\n");
    std::vector<int> docs;
    for (int i = 0; i < 30; ++i) docs.push_back(i);
    // Dense expectations by brute force: q1's vector is d0's own (rank 1); d5's rank for q2's.
    const auto ranked = brute_force_cosine(to_vector(embedding_of(23)), docs);
    std::size_t d5_rank = 0;
    for (std::size_t r = 0; r < ranked.size(); ++r) {
        if (ranked[r].first == "d5") d5_rank = r + 1;
    }
    REQUIRE(d5_rank > 1);
    REQUIRE(d5_rank <= 10);
    const double expected_ndcg = (1.0 + 1.0 / std::log2(static_cast<double>(d5_rank) + 1.0)) / 2.0;

    const std::string beir = (dir.path() / "beir").string();
    const auto without = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir", beir});
    INFO(without.out << without.err);
    REQUIRE(without.exit_code == 0);
    CHECK(without.out.find("pass --queries-vectors") != std::string::npos);
    CHECK(eval_figures(without.out, "dense").empty());
    CHECK(eval_figures(without.out, "lexical").size() == 2);

    const auto with = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir", beir,
                                 "--queries-vectors", vectors.string()});
    INFO(with.out << with.err);
    REQUIRE(with.exit_code == 0);
    const auto dense = eval_figures(with.out, "dense");
    REQUIRE(dense.size() == 2);
    CHECK(dense[0] == Approx(expected_ndcg).margin(5e-5));  // printed with 4 decimals
    CHECK(dense[1] == Approx(1.0));
    CHECK(eval_figures(with.out, "hybrid rrf").size() == 2);
    CHECK(eval_figures(with.out, "hybrid linear").size() == 2);
    CHECK(eval_figures(with.out, "lexical") == eval_figures(without.out, "lexical"));
}
