// "min_score" over HTTP: a side's bound drops its hits before fusion, "fused" bounds the final
// score before the page is cut; expected answers derived from the same search without bounds.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;

namespace {

std::vector<std::pair<std::string, double>> scored(const json::value& answer, const char* side = nullptr) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& hit : answer.at("hits").as_array()) {
        const auto& source = side ? hit.at(side) : hit;
        out.emplace_back(std::string(hit.at("id").as_string()), source.at("score").to_number<double>());
    }
    return out;
}

json::object with_min(json::object body, json::object min_score) {
    body["min_score"] = std::move(min_score);
    return body;
}

}  // namespace

TEST_CASE("min_score: lexical and fused bounds keep exactly the hits at or above them", "[e2e][min_score]") {
    LoadedServer server;
    auto c = server.client();
    const json::object body{{"query", "dog cat jumping"}, {"k", 100}};
    const auto all = scored(search_ok(c, body));
    REQUIRE(all.size() == kCorpusSize);
    const double bound = all[all.size() / 3].second;
    std::vector<std::string> expected;
    for (const auto& [id, score] : all)
        if (score >= bound) expected.push_back(id);
    REQUIRE(expected.size() < all.size());
    CHECK(hit_ids(search_ok(c, with_min(body, {{"lexical", bound}}))) == expected);
    CHECK(hit_ids(search_ok(c, with_min(body, {{"fused", bound}}))) == expected);
    // Offsets count the kept hits only.
    auto page = with_min(body, {{"fused", bound}});
    page["offset"] = 2;
    page["k"] = 3;
    CHECK(hit_ids(search_ok(c, page)) == std::vector<std::string>(expected.begin() + 2, expected.begin() + 5));
}

TEST_CASE("min_score: a dense bound drops that side's hits before fusion", "[e2e][min_score]") {
    LoadedServer server;
    auto c = server.client();
    const json::object body{{"query", "dog"}, {"vector", {1.0, 0.2, 0.3, 1.0}}, {"k", 100}, {"fusion", {{"method", "rrf"}, {"window", 100}}}};
    const auto plain = search_ok(c, body);
    std::vector<double> dense_scores;
    for (const auto& hit : plain.at("hits").as_array())
        if (hit.as_object().contains("dense")) dense_scores.push_back(hit.at("dense").at("score").to_number<double>());
    std::sort(dense_scores.begin(), dense_scores.end());
    REQUIRE(dense_scores.size() > 10);
    const double bound = dense_scores[dense_scores.size() / 2];
    const auto bounded = search_ok(c, with_min(body, {{"dense", bound}}));
    std::size_t with_dense = 0;
    for (const auto& hit : bounded.at("hits").as_array()) {
        if (!hit.as_object().contains("dense")) {
            CHECK(hit.as_object().contains("lexical"));  // kept through its lexical side only
            continue;
        }
        ++with_dense;
        CHECK(hit.at("dense").at("score").to_number<double>() >= bound);
    }
    CHECK(with_dense == static_cast<std::size_t>(std::count_if(dense_scores.begin(), dense_scores.end(), [&](double s) { return s >= bound; })));
    for (const auto& [id, score] : scored(search_ok(c, with_min(body, {{"fused", 0.02}})))) CHECK(score >= 0.02);
}

TEST_CASE("min_score: bad values are 400 with their path", "[e2e][min_score]") {
    LoadedServer server;
    auto c = server.client();
    auto post = [&](const json::object& body) { return c.request("POST", "/collections/docs/search", json::serialize(body)); };
    require_error(post({{"query", "cat"}, {"min_score", 1}}), 400, "min_score");
    require_error(post({{"query", "cat"}, {"min_score", json::object{}}}), 400, "min_score");
    require_error(post({{"query", "cat"}, {"min_score", {{"lexical", "high"}}}}), 400, "min_score.lexical");
    CHECK(require_error(post({{"query", "cat"}, {"min_score", {{"semantic", 1}}}}), 400).at("type") == "unknown_member");
    require_error(post({{"vector", {1, 0, 0, 0}}, {"min_score", {{"lexical", 1}}}}), 400, "min_score.lexical");
    require_error(post({{"query", "cat"}, {"min_score", {{"dense", 0.5}}}}), 400, "min_score.dense");
}
