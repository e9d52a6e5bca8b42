// The README's SciFact quality figures as a regression test: the real `braid index` loads the
// BEIR test collection with its 256-d LSA vectors, the real `braid eval --json` measures nDCG@10
// of lexical, dense, RRF and linear search (eval/'s trec_eval definition), and each must stay
// within 0.002 of the README. The data lives outside the repository, in ../shared/datasets/scifact
// beside it (CI clones next to shared/), or where BRAID_SCIFACT_DIR points; without it the
// program exits 77, which ctest reports as Skipped, with the reason in the test's output.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include <boost/json.hpp>

#include "tests/support/braid_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kSkipped = 77;  // SKIP_RETURN_CODE in tests/CMakeLists.txt
constexpr double kTolerance = 0.002;

fs::path scifact_dir() {
    if (const char* dir = std::getenv("BRAID_SCIFACT_DIR"); dir && *dir) return dir;
    return BRAID_SCIFACT_DIR;
}

// What the test reads; the first one missing, or empty when all are there.
std::string missing_file(const fs::path& dir) {
    for (const char* name : {"corpus.lsa256.jsonl", "queries.jsonl", "queries.lsa256.jsonl", "qrels/test.tsv"}) {
        if (!fs::is_regular_file(dir / name)) return (dir / name).string();
    }
    return {};
}

// README "Measured": SciFact nDCG@10 (title+text, Porter, BM25 k1=0.9 b=0.4; exact dense search
// over the lsa256 vectors; RRF k=60 window 100; linear alpha 0.7 min-max window 100).
const std::map<std::string, double>& readme_ndcg_at_10() {
    static const std::map<std::string, double> figures{
        {"lexical (bm25)", 0.680},
        {"dense", 0.5408},
        {"hybrid rrf k=60 window=100", 0.613},
        {"hybrid linear alpha=0.7 minmax window=100", 0.690},
    };
    return figures;
}

// The README's collection, with a flat (exact) vector index: the dense figure is exact search's,
// and a flat index is built the same way every time, unlike a multi-threaded HNSW build.
std::string config_json(const fs::path& data_dir, const fs::path& corpus) {
    const boost::json::value config = boost::json::parse(R"({
      "server": {"host": "127.0.0.1", "port": 0},
      "analyzers": {"en": {"tokenizer": "icu",
                           "filters": ["nfkc_casefold", {"stop": "english"}, {"stem": "porter"}]}},
      "collections": [{
        "name": "scifact",
        "id_field": "_id",
        "fields": {"title": {"type": "text", "analyzer": "en"}, "text": {"type": "text", "analyzer": "en"}},
        "vector": {"field": "embedding", "dimension": 256, "metric": "cosine", "index": {"type": "flat"}},
        "bm25": {"k1": 0.9, "b": 0.4}
      }]})");
    boost::json::value with_paths = config;
    with_paths.at("server").as_object()["data_dir"] = data_dir.string();
    with_paths.at("collections").as_array()[0].as_object()["sources"] =
        boost::json::array{boost::json::object{{"path", corpus.string()}}};
    return boost::json::serialize(with_paths);
}

}  // namespace

TEST_CASE("SciFact nDCG@10 of lexical, dense, RRF and linear search is the README's", "[quality]") {
    const fs::path dataset = scifact_dir();
    const braid::test_support::TempDir dir("braid-scifact");
    const fs::path config = dir.write("scifact.json", config_json(dir / "data", dataset / "corpus.lsa256.jsonl"));

    const auto indexed = braid::test_support::run_braid({"index", "--config", config.string()});
    INFO(indexed.out << indexed.err);
    REQUIRE(indexed.exit_code == 0);
    REQUIRE(indexed.out.find("indexed 5183 documents (0 failed)") != std::string::npos);

    const auto evaluated = braid::test_support::run_braid(
        {"eval", "--config", config.string(), "--collection", "scifact", "--beir", dataset.string(),
         "--queries-vectors", (dataset / "queries.lsa256.jsonl").string(), "--json"});
    INFO(evaluated.out << evaluated.err);
    REQUIRE(evaluated.exit_code == 0);
    const boost::json::value report = boost::json::parse(evaluated.out);
    CHECK(report.at("queries").to_number<int>() == 300);

    std::map<std::string, double> measured;
    for (const auto& setting : report.at("settings").as_array()) {
        const auto& object = setting.as_object();
        INFO(boost::json::serialize(object));
        REQUIRE(object.contains("ndcg_at_10"));
        measured[std::string(object.at("name").as_string())] = object.at("ndcg_at_10").to_number<double>();
    }
    for (const auto& [name, expected] : readme_ndcg_at_10()) {
        INFO(name << ": README " << expected);
        REQUIRE(measured.contains(name));
        std::printf("SciFact nDCG@10 %-44s %.4f (README %.4f)\n", name.c_str(), measured[name], expected);
        CHECK(std::abs(measured[name] - expected) <= kTolerance);
    }
}

int main(int argc, char** argv) {
    const fs::path dataset = scifact_dir();
    if (const std::string missing = missing_file(dataset); !missing.empty()) {
        std::printf("SKIPPED: the SciFact dataset is not there (%s missing); it is expected in "
                    "../shared/datasets/scifact beside the repository, or set BRAID_SCIFACT_DIR\n",
                    missing.c_str());
        return kSkipped;
    }
    return Catch::Session().run(argc, argv);
}
