// engine/beir_eval (the metrics behind `braid eval`) lives with the http/app tests that use it.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/error.hpp"
#include "engine/beir_eval.hpp"

using namespace braid::engine::beir;

namespace {

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::temp_directory_path() / ("braid-beir-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / name) << text;
    return dir / name;
}

}  // namespace

TEST_CASE("nDCG@k uses graded gains, a log2(rank+1) discount and the ideal from qrels", "[beir]") {
    const Judgments judgments{{"d1", 2}, {"d2", 1}, {"d3", 0}};
    const std::vector<RankedDoc> run{{"d3", 0.9}, {"d1", 0.8}, {"d4", 0.7}, {"d2", 0.6}};
    const double dcg = 2 / std::log2(3.0) + 1 / std::log2(5.0);
    const double idcg = 2 / 1.0 + 1 / std::log2(3.0);
    CHECK(ndcg_at(run, judgments, 10) == Approx(dcg / idcg));
    CHECK(ndcg_at(run, judgments, 1) == 0.0);
    CHECK(ndcg_at(run, judgments, 2) == Approx((2 / std::log2(3.0)) / idcg));  // both ideal docs fit in 2
    CHECK(ndcg_at({{"d1", 5}, {"d2", 4}}, judgments, 10) == Approx(1.0));
    CHECK(ndcg_at({}, judgments, 10) == 0.0);
    CHECK(ndcg_at(run, Judgments{{"d3", 0}}, 10) == 0.0);  // nothing relevant: 0, not NaN
}

TEST_CASE("Recall@k counts judged documents with relevance >= 1", "[beir]") {
    const Judgments judgments{{"d1", 2}, {"d2", 1}, {"d3", 0}};
    const std::vector<RankedDoc> run{{"d3", 0.9}, {"d1", 0.8}, {"d4", 0.7}, {"d2", 0.6}};
    CHECK(recall_at(run, judgments, 100) == 1.0);
    CHECK(recall_at(run, judgments, 2) == 0.5);
    CHECK(recall_at(run, judgments, 1) == 0.0);
}

TEST_CASE("the run is ordered by score, ties by id descending, as trec_eval does", "[beir]") {
    const std::vector<RankedDoc> tied{{"a", 1.0}, {"b", 1.0}};
    CHECK(ndcg_at(tied, Judgments{{"b", 1}}, 1) == 1.0);
    CHECK(ndcg_at(tied, Judgments{{"a", 1}}, 1) == 0.0);
    const std::vector<RankedDoc> unsorted{{"x", 0.1}, {"y", 0.9}};
    CHECK(ndcg_at(unsorted, Judgments{{"y", 1}}, 1) == 1.0);
}

TEST_CASE("evaluate averages judged queries, drops hits equal to the query id", "[beir]") {
    const Qrels qrels{{"q1", {{"d1", 1}}}, {"q2", {{"d2", 1}}}};
    std::map<std::string, std::vector<RankedDoc>> runs;
    runs["q1"] = {{"q1", 9.0}, {"d1", 1.0}};  // BEIR's ignore_identical_ids
    const Metrics metrics = evaluate(runs, qrels);  // q2 has no run: 0
    CHECK(metrics.queries == 2);
    CHECK(metrics.ndcg_at_10 == Approx(0.5));
    CHECK(metrics.recall_at_100 == Approx(0.5));
}

TEST_CASE("BEIR files load: queries with vectors from a second file, qrels with a header", "[beir]") {
    const auto queries = write_temp("queries.jsonl",
                                    "{\"_id\":\"1\",\"text\":\"first\"}\n\n{\"_id\":2,\"text\":\"second\"}\n");
    const auto vectors = write_temp("vectors.jsonl", "{\"_id\":\"2\",\"embedding\":[0.5,1]}\n");
    const auto loaded = load_queries(queries, vectors);
    REQUIRE(loaded.size() == 2);
    CHECK(loaded[0].id == "1");
    CHECK(loaded[0].text == "first");
    CHECK_FALSE(loaded[0].vector);
    CHECK(loaded[1].id == "2");
    REQUIRE(loaded[1].vector);
    CHECK(*loaded[1].vector == std::vector<float>{0.5f, 1.0f});

    const auto qrels = load_qrels(write_temp("test.tsv", "query-id\tcorpus-id\tscore\n1\td1\t1\r\n1\td2\t2\n3\td9\t0\n"));
    CHECK(qrels.size() == 2);
    CHECK(qrels.at("1").at("d2") == 2);
    CHECK(qrels.at("3").at("d9") == 0);

    CHECK_THROWS_AS(load_qrels(write_temp("bad.tsv", "1\td1\tmany\n")), braid::Error);
    CHECK_THROWS_AS(load_queries(write_temp("bad.jsonl", "{\"text\":\"no id\"}\n")), braid::Error);
    CHECK_THROWS_AS(load_queries("/nonexistent/queries.jsonl"), braid::Error);
}
