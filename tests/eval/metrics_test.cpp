// nDCG@k and Recall@k against figures computed by hand from trec_eval's definitions.
#include <catch2/catch.hpp>

#include "eval/metrics.hpp"

using braid::eval::Judgments;
using braid::eval::Run;

namespace {

// log2(2) = 1, log2(3) = 1.5849625, log2(4) = 2, log2(5) = 2.3219281
constexpr double kLog2of3 = 1.5849625007211562;

}  // namespace

TEST_CASE("nDCG@k with binary relevance: judged-irrelevant and unjudged documents gain nothing", "[ndcg]") {
    const Judgments judgments{{"d1", 1}, {"d2", 1}, {"d3", 0}};
    const Run run{{"d3", 0.9}, {"d1", 0.8}, {"d4", 0.7}, {"d2", 0.6}};
    // DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068; ideal = 1 + 1/log2(3) = 1.63093
    CHECK(braid::eval::ndcg_at(run, judgments, 10) == Approx(0.6509209).epsilon(1e-6));
    CHECK(braid::eval::ndcg_at(run, judgments, 10) == Approx((1 / kLog2of3 + 1 / 2.3219281) / (1 + 1 / kLog2of3)));
    CHECK(braid::eval::ndcg_at(run, judgments, 1) == 0.0);
    // At k = 2 both ideal documents still count: ideal = 1 + 1/log2(3); DCG = 1/log2(3).
    CHECK(braid::eval::ndcg_at(run, judgments, 2) == Approx(0.3868528).epsilon(1e-6));
    CHECK(braid::eval::ndcg_at({{"d2", 2.0}, {"d1", 1.0}}, judgments, 10) == 1.0);
}

TEST_CASE("nDCG@k gains are the graded relevance itself (linear, as trec_eval), not 2^rel - 1", "[ndcg]") {
    const Judgments judgments{{"a", 2}, {"b", 1}};
    const Run run{{"b", 2.0}, {"a", 1.0}};  // the lesser document first
    // Linear: DCG = 1 + 2/log2(3) = 2.2618595, ideal = 2 + 1/log2(3) = 2.6309298 -> 0.8597186.
    // Exponential gain would give (1 + 3/log2(3)) / (3 + 1/log2(3)) = 0.7967075: a different figure.
    const double ndcg = braid::eval::ndcg_at(run, judgments, 10);
    CHECK(ndcg == Approx(0.8597186).epsilon(1e-6));
    CHECK(ndcg != Approx(0.7967075).epsilon(1e-4));
    CHECK(ndcg == Approx((1 + 2 / kLog2of3) / (2 + 1 / kLog2of3)));
    // Three grades and an unretrieved relevant document: ideal holds every judged relevant one.
    const Judgments graded{{"x", 3}, {"y", 2}, {"z", 1}};
    const Run partial{{"y", 0.5}, {"z", 0.4}, {"w", 0.3}};
    // DCG = 2 + 1/log2(3) = 2.6309298; ideal = 3 + 2/log2(3) + 1/log2(4) = 4.7618595
    CHECK(braid::eval::ndcg_at(partial, graded, 10) == Approx(0.5525005).epsilon(1e-6));
    // At k = 1 the ideal is only the grade-3 document: 2 / 3.
    CHECK(braid::eval::ndcg_at(partial, graded, 1) == Approx(2.0 / 3.0));
    CHECK(braid::eval::ndcg_at(partial, graded, 3) == Approx((2 + 1 / kLog2of3) / (3 + 2 / kLog2of3 + 0.5)));
}

TEST_CASE("nDCG@k of nothing relevant or nothing retrieved is 0, not NaN", "[ndcg]") {
    CHECK(braid::eval::ndcg_at({}, Judgments{{"d1", 1}}, 10) == 0.0);
    CHECK(braid::eval::ndcg_at({{"d1", 1.0}}, Judgments{{"d1", 0}}, 10) == 0.0);
    CHECK(braid::eval::ndcg_at({{"d1", 1.0}}, Judgments{}, 10) == 0.0);
}

TEST_CASE("a run is ordered by score, ties by id descending in strcmp order, as trec_eval", "[ndcg][order]") {
    const Run tied{{"a", 1.0}, {"b", 1.0}};
    CHECK(braid::eval::ndcg_at(tied, Judgments{{"b", 1}}, 1) == 1.0);
    CHECK(braid::eval::ndcg_at(tied, Judgments{{"a", 1}}, 1) == 0.0);
    // Ids are strings: "9" sorts after "10", so "9" wins the tie.
    const Run numbers{{"10", 0.5}, {"9", 0.5}};
    CHECK(braid::eval::ndcg_at(numbers, Judgments{{"9", 1}}, 1) == 1.0);
    // The order a run comes in does not count, only scores.
    const Run unsorted{{"x", 0.1}, {"y", 0.9}};
    CHECK(braid::eval::ndcg_at(unsorted, Judgments{{"y", 1}}, 1) == 1.0);

    Run run{{"a", 1.0}, {"c", 2.0}, {"b", 1.0}};
    braid::eval::sort_as_trec_eval(run);
    CHECK(run[0].id == "c");
    CHECK(run[1].id == "b");
    CHECK(run[2].id == "a");
}

TEST_CASE("run_in_rank_order keeps a ranking as given, whatever its ids", "[order]") {
    const Run run = braid::eval::run_in_rank_order({"a", "c", "b"});
    CHECK(braid::eval::ndcg_at(run, Judgments{{"a", 1}}, 1) == 1.0);
    Run sorted = run;
    braid::eval::sort_as_trec_eval(sorted);
    REQUIRE(sorted.size() == 3);
    CHECK(sorted[0].id == "a");
    CHECK(sorted[1].id == "c");
    CHECK(sorted[2].id == "b");
}

TEST_CASE("Recall@k counts judged documents of relevance >= 1 in the first k", "[recall]") {
    const Judgments judgments{{"d1", 2}, {"d2", 1}, {"d3", 0}};
    const Run run{{"d3", 0.9}, {"d1", 0.8}, {"d4", 0.7}, {"d2", 0.6}};
    CHECK(braid::eval::recall_at(run, judgments, 100) == 1.0);
    CHECK(braid::eval::recall_at(run, judgments, 3) == 0.5);
    CHECK(braid::eval::recall_at(run, judgments, 1) == 0.0);
    CHECK(braid::eval::recall_at({{"d3", 1.0}}, judgments, 10) == 0.0);
    CHECK(braid::eval::recall_at(run, Judgments{{"d3", 0}}, 10) == 0.0);  // nothing to find: 0
    // Ties decide what falls inside k: "d2" beats "d1" at equal scores.
    CHECK(braid::eval::recall_at({{"d1", 1.0}, {"d2", 1.0}}, Judgments{{"d1", 1}}, 1) == 0.0);
}

TEST_CASE("evaluate averages over the judged queries and drops hits equal to the query id", "[evaluate]") {
    const braid::eval::Qrels qrels{{"q1", {{"d1", 1}}}, {"q2", {{"d2", 1}}}, {"q3", {{"d3", 1}, {"d4", 1}}}};
    braid::eval::Runs runs;
    runs["q1"] = {{"q1", 9.0}, {"d1", 1.0}};  // BEIR's ignore_identical_ids: d1 is first
    runs["q3"] = {{"d4", 1.0}};               // q2 has no run: it counts 0
    runs["q9"] = {{"d1", 1.0}};               // not judged: ignored
    const auto metrics = braid::eval::evaluate(runs, qrels, {10, 100});
    CHECK(metrics.queries == 3);
    // q1: 1; q2: 0; q3: DCG 1, ideal 1 + 1/log2(3) -> 0.6131472
    CHECK(metrics.ndcg == Approx((1.0 + 0.0 + 0.6131472) / 3).epsilon(1e-6));
    CHECK(metrics.recall == Approx((1.0 + 0.0 + 0.5) / 3));
    const auto at_one = braid::eval::evaluate(runs, qrels, {1, 1});
    CHECK(at_one.ndcg == Approx(2.0 / 3));
    CHECK(braid::eval::evaluate({}, {}).queries == 0);
}
