// Hybrid answers checked end to end against fusion computed by the test: for each hybrid request
// the test also sends the lexical-only and the dense-only search over HTTP (each side's window of
// candidates), fuses them itself (tests/e2e/fusion_oracle.hpp) and compares ids, order, scores,
// and each hit's per-side rank and raw score with the hybrid answer. The dense side's scores are
// in turn checked against cosine similarities computed here from the fixture's vectors.
#include <catch2/catch.hpp>

#include <map>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/e2e/fusion_oracle.hpp"

using namespace braid::e2e;
using braid::test_support::embedding_of;

namespace {

struct HybridCase {
    std::string name;
    json::object request;  // query + vector (+ fields, operator, filter, ef_search, fusion, k, offset)
};

std::size_t member_or(const json::object& o, const char* key, std::size_t fallback) {
    const auto* v = o.if_contains(key);
    return v ? static_cast<std::size_t>(v->to_number<double>()) : fallback;
}

// The single-sided request a hybrid request's side runs: same text or vector, same filter, k =
// the (grown) window.
json::object side_request(const json::object& hybrid, bool lexical, std::size_t window) {
    json::object side;
    const std::vector<const char*> keys = lexical ? std::vector<const char*>{"query", "fields", "operator", "filter"}
                                                  : std::vector<const char*>{"vector", "ef_search", "filter"};
    for (const char* key : keys) {
        if (const auto* v = hybrid.if_contains(key)) side[key] = *v;
    }
    side["k"] = window;
    return side;
}

// Same up to the last bits of a double: the test sums in its own order.
bool same_score(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)); }

void require_matches_oracle(const json::value& answer, const std::vector<OracleHit>& oracle, std::size_t offset,
                            std::size_t k) {
    std::map<std::string, const OracleHit*> by_id;
    for (const auto& hit : oracle) by_id[hit.id] = &hit;
    const auto& hits = answer.at("hits").as_array();
    const std::size_t expected_count = oracle.size() > offset ? std::min(k, oracle.size() - offset) : 0;
    INFO(json::serialize(answer));
    REQUIRE(hits.size() == expected_count);
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& hit = hits[i].as_object();
        const std::string id(hit.at("id").as_string());
        const OracleHit& want = oracle[offset + i];
        INFO("position " << offset + i << ": braid " << id << ", oracle " << want.id << " (" << want.score << ")");
        const auto found = by_id.find(id);
        REQUIRE(found != by_id.end());  // only documents of either window
        const OracleHit& mine = *found->second;
        // The same document, or one whose fused score ties the oracle's to the last bits.
        CHECK((id == want.id || same_score(mine.score, want.score)));
        CHECK(same_score(hit.at("score").to_number<double>(), mine.score));
        for (const auto& [side, rank, score] : {std::tuple{"lexical", mine.lexical_rank, mine.lexical_score},
                                               std::tuple{"dense", mine.dense_rank, mine.dense_score}}) {
            REQUIRE(hit.contains(side) == rank.has_value());
            if (!rank) continue;
            CHECK(hit.at(side).at("rank").to_number<double>() == static_cast<double>(*rank));
            CHECK(hit.at(side).at("score").to_number<double>() == *score);
        }
    }
}

// Runs the hybrid request and both single-sided ones, fuses, compares. Returns the oracle.
std::vector<OracleHit> check_against_oracle(Client& c, const json::object& request) {
    const json::value answer = search_ok(c, request);
    const json::object* fusion = request.if_contains("fusion") ? &request.at("fusion").as_object() : nullptr;
    const std::string method = fusion && fusion->contains("method") ? std::string(fusion->at("method").as_string()) : "rrf";
    const std::size_t k = member_or(request, "k", 10), offset = member_or(request, "offset", 0);
    const std::size_t window = std::max(fusion ? member_or(*fusion, "window", 100) : 100, offset + k);

    // The echo says what was applied, with the window grown to offset + k.
    const auto& echo = answer.at("fusion");
    CHECK(echo.at("method") == method.c_str());
    CHECK(echo.at("window").to_number<double>() == static_cast<double>(window));

    const auto lexical = side_hits(search_ok(c, side_request(request, true, window)));
    const auto dense = side_hits(search_ok(c, side_request(request, false, window)));
    std::vector<OracleHit> oracle;
    if (method == "rrf") {
        const double rrf_k = fusion && fusion->contains("k") ? fusion->at("k").to_number<double>() : 60;
        double wl = 1, wd = 1;
        if (fusion && fusion->contains("weights")) {
            const auto& w = fusion->at("weights").as_object();
            if (w.contains("lexical")) wl = w.at("lexical").to_number<double>();
            if (w.contains("dense")) wd = w.at("dense").to_number<double>();
        }
        CHECK(echo.at("k").to_number<double>() == rrf_k);
        CHECK(echo.at("weights").at("lexical").to_number<double>() == wl);
        CHECK(echo.at("weights").at("dense").to_number<double>() == wd);
        oracle = rrf_oracle(lexical, dense, rrf_k, window, wl, wd);
    } else {
        const double alpha = fusion->contains("alpha") ? fusion->at("alpha").to_number<double>() : 0.5;
        const std::string normalization =
            fusion->contains("normalization") ? std::string(fusion->at("normalization").as_string()) : "minmax";
        CHECK(echo.at("alpha").to_number<double>() == alpha);
        CHECK(echo.at("normalization") == normalization.c_str());
        oracle = linear_oracle(lexical, dense, alpha, normalization, window);
    }
    require_matches_oracle(answer, oracle, offset, k);
    return oracle;
}

// How many oracle hits came from one side only and from both: a case that exercises neither
// mixture proves little.
std::pair<int, int> one_and_both_sided(const std::vector<OracleHit>& oracle, std::size_t top) {
    int one = 0, both = 0;
    for (std::size_t i = 0; i < std::min(top, oracle.size()); ++i) {
        (oracle[i].lexical_rank && oracle[i].dense_rank ? both : one)++;
    }
    return {one, both};
}

}  // namespace

TEST_CASE("hybrid RRF answers equal RRF computed by the test from the two single-sided answers", "[e2e][fusion]") {
    LoadedServer server;
    auto c = server.client();
    // "dog" matches a subset (every third body, every fourth title), so windows differ in size and
    // many documents come from the dense side only.
    const std::vector<HybridCase> cases = {
        {"defaults (k 60, window 100, weights 1/1)",
         {{"query", "dog"}, {"vector", embedding_of(7)}, {"k", 10}}},
        {"custom k, small window, unequal weights",
         {{"query", "dog jumping"}, {"vector", embedding_of(2)}, {"k", 6},
          {"fusion", {{"method", "rrf"}, {"k", 5}, {"window", 8}, {"weights", {{"lexical", 2.0}, {"dense", 0.5}}}}}}},
        {"a window smaller than offset + k grows to it",
         {{"query", "cat dog"}, {"vector", embedding_of(11)}, {"k", 4}, {"offset", 4},
          {"fusion", {{"method", "rrf"}, {"k", 1}, {"window", 3}}}}},
        {"dense weight 0: the lexical order decides, ties by id",
         {{"query", "dog"}, {"vector", embedding_of(5)}, {"k", 12},
          {"fusion", {{"method", "rrf"}, {"weights", {{"lexical", 1.0}, {"dense", 0.0}}}}}}},
        {"with a filter and fields",
         {{"query", "dog cat"}, {"fields", {{"body", 1.0}, {"title", 0.5}}}, {"vector", embedding_of(3)}, {"k", 10},
          {"filter", {{"year", {{"gte", 2004}, {"lt", 2016}}}}}}},
    };
    for (const auto& test : cases) {
        SECTION(test.name) {
            const auto oracle = check_against_oracle(c, test.request);
            CHECK(oracle.size() >= 10);
        }
    }
    SECTION("the cases mix one-sided and two-sided hits") {
        int mixed_cases = 0;
        for (const auto& test : cases) {
            const auto oracle = check_against_oracle(c, test.request);
            const auto [one, both] = one_and_both_sided(oracle, oracle.size());
            if (one > 0 && both > 0) ++mixed_cases;
        }
        CHECK(mixed_cases >= 2);
    }
}

TEST_CASE("hybrid linear answers equal min-max and z-score fusion computed by the test", "[e2e][fusion]") {
    LoadedServer server;
    auto c = server.client();
    const std::vector<HybridCase> cases = {
        {"minmax, alpha 0.7", {{"query", "dog"}, {"vector", embedding_of(7)}, {"k", 10},
                               {"fusion", {{"method", "linear"}, {"alpha", 0.7}, {"normalization", "minmax"}}}}},
        {"minmax by default, alpha 0.5 by default", {{"query", "jumping"}, {"vector", embedding_of(1)}, {"k", 8},
                                                     {"fusion", {{"method", "linear"}}}}},
        {"zscore, alpha 0.3, window 12", {{"query", "dog cat"}, {"vector", embedding_of(4)}, {"k", 10},
                                          {"fusion", {{"method", "linear"}, {"alpha", 0.3}, {"normalization", "zscore"},
                                                      {"window", 12}}}}},
        {"zscore with an offset past the window", {{"query", "sleeps dog"}, {"vector", embedding_of(9)}, {"k", 5},
                                                    {"offset", 5},
                                                    {"fusion", {{"method", "linear"}, {"alpha", 0.6},
                                                                {"normalization", "zscore"}, {"window", 4}}}}},
        {"alpha 1: lexical only, dense-only hits score 0", {{"query", "dog"}, {"vector", embedding_of(2)}, {"k", 20},
                                                            {"fusion", {{"method", "linear"}, {"alpha", 1.0}}}}},
        {"zscore with a filter", {{"query", "cat"}, {"vector", embedding_of(6)}, {"k", 10},
                                  {"filter", {{"tags", json::array{"odd"}}}},
                                  {"fusion", {{"method", "linear"}, {"normalization", "zscore"}}}}},
    };
    for (const auto& test : cases) {
        SECTION(test.name) {
            const auto oracle = check_against_oracle(c, test.request);
            CHECK(oracle.size() >= 10);
        }
    }
    SECTION("z-score differs from min-max on the same lists (the normalization is applied)") {
        json::object request{{"query", "dog cat"}, {"vector", embedding_of(4)}, {"k", 10},
                             {"fusion", {{"method", "linear"}, {"normalization", "zscore"}}}};
        const auto z = search_ok(c, request);
        request["fusion"].as_object()["normalization"] = "minmax";
        const auto m = search_ok(c, request);
        CHECK(z.at("hits").at(0).at("score") != m.at("hits").at(0).at("score"));
        // z-scores go below zero; min-max stays within [0, 1].
        bool negative = false;
        for (const auto& hit : z.at("hits").as_array()) negative = negative || hit.at("score").to_number<double>() < 0;
        for (const auto& hit : m.at("hits").as_array()) {
            CHECK(hit.at("score").to_number<double>() >= 0);
            CHECK(hit.at("score").to_number<double>() <= 1);
        }
        request["k"] = 40;
        request["fusion"].as_object()["normalization"] = "zscore";
        const auto all = search_ok(c, request);
        for (const auto& hit : all.at("hits").as_array())
            negative = negative || hit.at("score").to_number<double>() < 0;
        CHECK(negative);
    }
}

TEST_CASE("dense-only scores are the cosine similarities the test computes from the vectors", "[e2e][dense]") {
    LoadedServer server;
    auto c = server.client();
    for (int q : {0, 7, 13}) {
        const auto query = to_vector(embedding_of(q));
        json::array perturbed;
        for (double x : query) perturbed.push_back(x * 0.9 + 0.05);  // not any document's own vector
        const auto expected = brute_force_cosine(to_vector(perturbed), all_docs());
        // ef_search above the collection size: the graph walk sees every node, so exact order.
        const auto answer = search_ok(c, {{"vector", perturbed}, {"k", 10}, {"ef_search", 100}});
        const auto& hits = answer.at("hits").as_array();
        REQUIRE(hits.size() == 10);
        for (std::size_t i = 0; i < hits.size(); ++i) {
            INFO("query " << q << " position " << i);
            CHECK(hits[i].at("id") == expected[i].first.c_str());
            CHECK(hits[i].at("score").to_number<double>() == Approx(expected[i].second).epsilon(1e-5));
            CHECK(hits[i].at("dense").at("rank") == static_cast<std::int64_t>(i + 1));
        }
    }
}
