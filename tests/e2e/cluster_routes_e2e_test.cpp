// The internal routes of a sharded search (POST /_cluster/stats|search|fetch/{name}) on one node:
// statistics for the query, candidates under them, and the page's documents with explanations.
#include "tests/e2e/e2e_helpers.hpp"

namespace braid::e2e {
namespace {

json::value post_ok(Client& c, const std::string& target, const std::string& body) {
    const auto response = c.request("POST", target, body);
    INFO(target << " " << body << " -> " << response.body);
    REQUIRE(response.status == 200);
    return json::parse(response.body);
}

}  // namespace

TEST_CASE("internal sharded-search routes: statistics, candidates, fetch", "[e2e][sharded]") {
    LoadedServer loaded;
    Client c = loaded.client();
    const std::string search = R"({"mode": "lexical", "query": "dog", "k": 5, "explain": true})";
    const auto stats = post_ok(c, "/_cluster/stats/docs", "{\"search\":" + search + "}");
    const auto& combined = stats.at("fields").at("*");
    CHECK(combined.at("documents") == kCorpusSize);
    CHECK(combined.at("df").at("dog").to_number<int>() > 0);

    const std::string with_stats = "{\"search\":" + search + ",\"statistics\":" + json::serialize(stats);
    const auto sides = post_ok(c, "/_cluster/search/docs", with_stats + "}");
    const auto& lexical = sides.at("lexical").as_array();
    REQUIRE(lexical.size() == 5);
    CHECK(sides.at("dense").as_array().empty());
    // The node's own search ranks the same documents with the same scores (it holds them all).
    const auto own = search_ok(c, json::parse(search).as_object());
    for (std::size_t i = 0; i < lexical.size(); ++i) {
        CHECK(lexical[i].at(0) == own.at("hits").at(i).at("id"));
        CHECK(lexical[i].at(1).to_number<double>() == Approx(own.at("hits").at(i).at("score").to_number<double>()));
    }

    const std::string id(lexical[0].at(0).as_string());
    const auto fetched = post_ok(c, "/_cluster/fetch/docs", with_stats + ",\"ids\":[\"" + id + "\",\"absent\"]}");
    const auto& hits = fetched.at("hits").as_array();
    REQUIRE(hits.size() == 2);
    CHECK(json::parse(hits[0].at("document").as_string()).at("id") == json::value(id));
    CHECK(!hits[0].at("explanation").as_array().empty());
    CHECK(hits[1].is_null());
}

}  // namespace braid::e2e
