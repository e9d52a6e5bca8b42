// "collapse" over HTTP: one hit per value of a keyword field in every mode, stable pages, and a
// 400 naming "collapse" for a bad value. The docs corpus tags each document "even" or "odd" first.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;

TEST_CASE("collapse: one hit per keyword value in every mode, pages continue without repeats", "[e2e][collapse]") {
    LoadedServer server;
    auto c = server.client();
    const json::array vector{1, 0, 0.5, 1};
    const std::vector<json::object> bodies{
        {{"query", "cat dog"}, {"mode", "lexical"}},
        {{"vector", vector}, {"mode", "dense"}},
        {{"query", "cat dog"}, {"vector", vector}, {"mode", "hybrid"}},
    };
    for (auto body : bodies) {
        body["k"] = 100;
        const auto all = hit_ids(search_ok(c, body));
        REQUIRE(all.size() > 2);
        // The first "even" and the first "odd" hit of the uncollapsed list, in its order.
        std::vector<std::string> expected;
        bool even = false, odd = false;
        for (const auto& id : all) {
            const bool is_even = std::stoi(id.substr(1)) % 2 == 0;
            if (is_even ? even : odd) continue;
            (is_even ? even : odd) = true;
            expected.push_back(id);
        }
        body["collapse"] = "tags";
        CHECK(hit_ids(search_ok(c, body)) == expected);
        body["k"] = 1;
        std::vector<std::string> paged;
        for (int offset = 0; offset < 3; ++offset) {
            body["offset"] = offset;
            for (const auto& id : hit_ids(search_ok(c, body))) paged.push_back(id);
        }
        CHECK(paged == expected);
    }
}

TEST_CASE("collapse: bad values are 400 naming collapse", "[e2e][collapse]") {
    LoadedServer server;
    auto c = server.client();
    auto post = [&](const json::object& body) { return c.request("POST", "/collections/docs/search", json::serialize(body)); };
    require_error(post({{"query", "cat"}, {"collapse", 3}}), 400, "collapse");
    require_error(post({{"query", "cat"}, {"collapse", "title"}}), 400, "collapse");
    require_error(post({{"query", "cat"}, {"collapse", "year"}}), 400, "collapse");
    require_error(post({{"query", "cat"}, {"collapse", "missing"}}), 400, "collapse");
}
