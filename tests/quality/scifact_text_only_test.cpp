// SciFact from text alone (issue 13): `braid serve` indexes corpus.jsonl, which has no vectors,
// through a stand-in OpenAI-protocol embedder that answers each text with its precomputed lsa256
// vector, and the queries are sent as text only. Over HTTP, dense, RRF and linear nDCG@10 must
// equal the figures measured with precomputed vectors (README "Measured", ± 0.002). Then the
// in-process `static` embedder with the shipped scifact-static-256 model: dense nDCG@10 within
// 0.01 of its README's figure. The data lives in ../shared beside the repository (or where
// BRAID_SCIFACT_DIR / BRAID_STATIC_MODEL_DIR point); without it the program exits 77 (Skipped).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>

#include <boost/json.hpp>

#include "eval/beir_files.hpp"
#include "eval/metrics.hpp"
#include "eval/qrels.hpp"
#include "http/client.hpp"
#include "tests/net/stand_in_server.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr int kSkipped = 77;  // SKIP_RETURN_CODE in tests/CMakeLists.txt

fs::path scifact_dir() {
    if (const char* dir = std::getenv("BRAID_SCIFACT_DIR"); dir && *dir) return dir;
    return BRAID_SCIFACT_DIR;
}

fs::path static_model_dir() {
    if (const char* dir = std::getenv("BRAID_STATIC_MODEL_DIR"); dir && *dir) return dir;
    return BRAID_STATIC_MODEL_DIR;
}

std::string missing_file(const fs::path& dir) {
    for (const char* name : {"corpus.jsonl", "corpus.lsa256.jsonl", "queries.jsonl", "queries.lsa256.jsonl",
                             "qrels/test.tsv"}) {
        if (!fs::is_regular_file(dir / name)) return (dir / name).string();
    }
    return {};
}

// The text braid embeds for a document: its source fields' non-empty texts joined by newlines.
std::string source_text(const std::string& title, const std::string& text) {
    if (title.empty()) return text;
    if (text.empty()) return title;
    return title + "\n" + text;
}

// Text -> its precomputed vector (as JSON), from a lsa256 file's lines.
using VectorsByText = std::unordered_map<std::string, json::value>;

void add_vectors(const fs::path& file, bool documents, VectorsByText& out) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const json::value v = json::parse(line);
        const auto& o = v.as_object();
        const auto member = [&](const char* key) {
            const auto* m = o.if_contains(key);
            return m && m->is_string() ? std::string(m->get_string()) : std::string();
        };
        const std::string key = documents ? source_text(member("title"), member("text")) : member("text");
        out.emplace(key, o.at("embedding"));
    }
}

// POST /v1/embeddings {model, input}: each input's precomputed vector, answered in reverse
// order with its index; an input it does not know is a 400 (the test would be measuring nothing).
braid::test::Reply lookup_answer(const VectorsByText& vectors, const braid::test::ReceivedRequest& req) {
    using braid::test::Reply;
    if (req.method != "POST" || req.target != "/v1/embeddings") return Reply::json(R"({"error":"not found"})", 404);
    const json::value body = json::parse(req.body);
    const auto& input = body.at("input").as_array();
    json::array data;
    for (std::size_t i = input.size(); i-- > 0;) {
        const auto it = vectors.find(std::string(input[i].as_string()));
        if (it == vectors.end()) return Reply::json(R"({"error":{"message":"unknown text"}})", 400);
        data.push_back(json::object{{"object", "embedding"}, {"index", i}, {"embedding", it->second}});
    }
    return Reply::json(json::serialize(json::object{{"object", "list"}, {"data", std::move(data)}}));
}

std::string config_text(const fs::path& data_dir, const json::value& embedder) {
    json::value config = json::parse(R"({
      "server": {"host": "127.0.0.1", "port": 0, "threads": 2, "max_body_bytes": 67108864},
      "analyzers": {"en": {"tokenizer": "icu",
                           "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "porter"}]}},
      "collections": [{
        "name": "scifact",
        "id_field": "_id",
        "fields": {"title": {"type": "text", "analyzer": "en"}, "text": {"type": "text", "analyzer": "en"}},
        "vector": {"field": "embedding", "dimension": 256, "metric": "cosine", "index": {"type": "flat"}},
        "bm25": {"k1": 0.9, "b": 0.4}
      }]})");
    config.at("server").as_object()["data_dir"] = data_dir.string();
    config.at("collections").at(0).at("vector").as_object()["embedder"] = embedder;
    return json::serialize(config);
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// nDCG@10 of every judged query sent as text with `extra` members.
double ndcg_over_http(braid::http::Client& client, const json::object& extra) {
    const fs::path dataset = scifact_dir();
    const auto qrels = braid::eval::load_qrels(dataset / "qrels" / "test.tsv");
    const auto queries = braid::eval::judged_queries(braid::eval::load_queries(dataset / "queries.jsonl"), qrels);
    REQUIRE(queries.size() == 300);
    braid::eval::Runs runs;
    for (const auto& query : queries) {
        json::object body = extra;
        body["query"] = query.text;
        body["k"] = 100;
        const auto answer = client.request("POST", "/collections/scifact/search", json::serialize(body));
        INFO(answer.body);
        REQUIRE(answer.status == 200);
        const json::value parsed = json::parse(answer.body);
        auto& run = runs[query.id];
        for (const auto& hit : parsed.at("hits").as_array())
            run.push_back({std::string(hit.at("id").as_string()), hit.at("score").to_number<double>()});
    }
    return braid::eval::evaluate(runs, qrels, {10, 100}).ndcg;
}

void load_corpus(braid::http::Client& client) {
    const auto bulk = client.request("POST", "/collections/scifact/documents/_bulk",
                                     read_file(scifact_dir() / "corpus.jsonl"), "application/x-ndjson");
    INFO(bulk.body.substr(0, 2000));
    REQUIRE(bulk.status == 200);
    const json::value result = json::parse(bulk.body);
    REQUIRE(result.at("indexed") == 5183);
    REQUIRE(result.at("failed") == 0);
}

}  // namespace

TEST_CASE("SciFact from text alone through an openai embedder matches the precomputed-vector figures", "[quality]") {
    VectorsByText vectors;
    add_vectors(scifact_dir() / "corpus.lsa256.jsonl", true, vectors);
    add_vectors(scifact_dir() / "queries.lsa256.jsonl", false, vectors);
    braid::test::StandInServer embedder([&](const braid::test::ReceivedRequest& req) { return lookup_answer(vectors, req); });

    const braid::test_support::TempDir dir("braid-scifact-text");
    const json::value spec = {{"type", "openai"}, {"url", embedder.url("/v1")}, {"model", "lsa256"},
                              {"batch_size", 64}, {"max_concurrency", 4}};
    braid::test_support::BraidServer server(dir.write("braid.json", config_text(dir / "data", spec)));
    braid::http::Client client("127.0.0.1", server.port(), std::chrono::minutes(2));
    load_corpus(client);

    const json::object rrf{{"method", "rrf"}, {"k", 60}, {"window", 100}};
    const json::object linear{{"method", "linear"}, {"alpha", 0.7}, {"normalization", "minmax"}, {"window", 100}};
    const std::map<std::string, std::pair<json::object, double>> settings{
        {"dense", {{{"mode", "dense"}}, 0.5408}},
        {"hybrid rrf k=60 window=100", {{{"fusion", rrf}}, 0.613}},
        {"hybrid linear alpha=0.7 minmax window=100", {{{"fusion", linear}}, 0.690}},
    };
    for (const auto& [name, setting] : settings) {
        const double ndcg = ndcg_over_http(client, setting.first);
        std::printf("SciFact text-only nDCG@10 %-44s %.4f (precomputed vectors %.4f)\n", name.c_str(), ndcg,
                    setting.second);
        INFO(name);
        CHECK(std::abs(ndcg - setting.second) <= 0.002);
    }
}

TEST_CASE("SciFact through the static embedder: dense nDCG@10 within 0.01 of the model's README", "[quality]") {
    const fs::path model = static_model_dir();
    const braid::test_support::TempDir dir("braid-scifact-static");
    const json::value spec = {{"type", "static"}, {"path", model.string()}, {"batch_size", 256}, {"max_concurrency", 2}};
    braid::test_support::BraidServer server(dir.write("braid.json", config_text(dir / "data", spec)));
    braid::http::Client client("127.0.0.1", server.port(), std::chrono::minutes(2));
    load_corpus(client);
    const double ndcg = ndcg_over_http(client, {{"mode", "dense"}});
    std::printf("SciFact static embedder dense nDCG@10 %.4f (model README 0.4761)\n", ndcg);
    CHECK(std::abs(ndcg - 0.4761) <= 0.01);
}

int main(int argc, char** argv) {
    if (const std::string missing = missing_file(scifact_dir()); !missing.empty()) {
        std::printf("SKIPPED: the SciFact dataset is not there (%s missing); it is expected in "
                    "../shared/datasets/scifact beside the repository, or set BRAID_SCIFACT_DIR\n",
                    missing.c_str());
        return kSkipped;
    }
    if (!fs::is_regular_file(static_model_dir() / "model.safetensors")) {
        std::printf("SKIPPED: the static model is not there (%s); set BRAID_STATIC_MODEL_DIR\n",
                    static_model_dir().string().c_str());
        return kSkipped;
    }
    return Catch::Session().run(argc, argv);
}
