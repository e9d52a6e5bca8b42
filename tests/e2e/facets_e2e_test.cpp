// "facets" and "total" over HTTP: the members' shapes and counts (derived in the test from the
// fixture documents), lexical and hybrid, and each bad input as a 400 naming its JSON path.
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;

namespace {

bool mentions_dog(int i) { return text_of(i).find("dog") != std::string::npos; }

struct Expected {
    std::map<std::string, std::int64_t> tags;
    std::int64_t before_2010 = 0, from_2010 = 0;
};

Expected count(const std::set<int>& docs) {
    Expected out;
    for (int i : docs) {
        const auto doc = braid::test_support::corpus_doc(i);
        for (const auto& tag : doc.at("tags").as_array()) ++out.tags[std::string(tag.as_string())];
        (doc.at("year").as_int64() < 2010 ? out.before_2010 : out.from_2010) += 1;
    }
    return out;
}

const json::object kFacets{{"tags", {{"size", 2}}}, {"year", {{"ranges", {{{"lt", 2010}}, {{"gte", 2010}}}}}}};

void check_facets(const json::value& answer, const Expected& expected) {
    const auto& facets = answer.at("facets");
    // tags: the two most frequent values (by count, then value), the third in "other".
    std::vector<std::pair<std::string, std::int64_t>> by_count(expected.tags.begin(), expected.tags.end());
    std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    const auto& tags = facets.at("tags").at("buckets").as_array();
    REQUIRE(tags.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(tags[i].at("value") == by_count[i].first.c_str());
        CHECK(tags[i].at("count") == by_count[i].second);
    }
    CHECK(facets.at("tags").at("other") == (by_count.size() > 2 ? by_count[2].second : 0));
    const auto& year = facets.at("year").at("buckets").as_array();
    REQUIRE(year.size() == 2);
    CHECK(year[0].at("gte").is_null());
    CHECK(year[0].at("lt") == 2010);
    CHECK(year[0].at("count") == expected.before_2010);
    CHECK(year[1].at("gte") == 2010);
    CHECK(year[1].at("lt").is_null());
    CHECK(year[1].at("count") == expected.from_2010);
    CHECK_FALSE(facets.at("year").as_object().contains("other"));
}

}  // namespace

TEST_CASE("facets and total: lexical counts over every match, not only the page", "[e2e][facets]") {
    LoadedServer server;
    auto c = server.client();
    std::set<int> dogs;
    for (int i = 0; i < kCorpusSize; ++i)
        if (mentions_dog(i)) dogs.insert(i);
    REQUIRE(dogs.size() > 5);

    const auto plain = search_ok(c, {{"query", "dog"}, {"k", 3}});
    CHECK_FALSE(plain.as_object().contains("total"));
    CHECK_FALSE(plain.as_object().contains("facets"));

    const auto answer = search_ok(c, {{"query", "dog"}, {"k", 3}, {"total", true}, {"facets", kFacets}});
    CHECK(hit_ids(answer) == hit_ids(plain));
    CHECK(answer.at("total").at("lexical") == dogs.size());
    CHECK(answer.at("total").at("dense_window") == 0);
    check_facets(answer, count(dogs));

    // A filter narrows both; integer value buckets with size.
    json::object filtered{{"query", "dog"}, {"k", 1}, {"total", true}, {"filter", {{"tags", "even"}}},
                          {"facets", {{"year", {{"size", 1}}}, {"tags", {{"size", 5}}}}}};
    std::set<int> even_dogs;
    for (int i : dogs)
        if (i % 2 == 0) even_dogs.insert(i);
    const auto narrowed = search_ok(c, filtered);
    CHECK(narrowed.at("total").at("lexical") == even_dogs.size());
    const auto& tag_buckets = narrowed.at("facets").at("tags").at("buckets").as_array();
    REQUIRE_FALSE(tag_buckets.empty());
    CHECK(tag_buckets[0].at("value") == "even");
    CHECK(tag_buckets[0].at("count") == even_dogs.size());
    std::map<std::int64_t, std::int64_t> years;
    for (int i : even_dogs) ++years[2000 + i % 20];
    std::int64_t best = 0, best_year = 0;
    for (const auto& [y, n] : years)
        if (n > best) best = n, best_year = y;
    const auto& year_facet = narrowed.at("facets").at("year");
    REQUIRE(year_facet.at("buckets").as_array().size() == 1);
    CHECK(year_facet.at("buckets").at(0).at("value") == best_year);
    CHECK(year_facet.at("buckets").at(0).at("count") == best);
    CHECK(year_facet.at("other") == static_cast<std::int64_t>(even_dogs.size()) - best);
}

TEST_CASE("facets and total: hybrid counts the union of the lexical matches and the dense window", "[e2e][facets]") {
    LoadedServer server;
    auto c = server.client();
    const std::vector<double> vector{1.0, 0.2, 0.3, 1.0};
    const std::size_t window = 5;
    std::set<int> matched;
    std::size_t lexical = 0;
    for (int i = 0; i < kCorpusSize; ++i)
        if (mentions_dog(i)) matched.insert(i), ++lexical;
    const auto nearest = brute_force_cosine(vector, all_docs());
    for (std::size_t i = 0; i < window; ++i) matched.insert(std::stoi(nearest[i].first.substr(1)));
    REQUIRE(matched.size() > lexical);

    const auto answer = search_ok(c, {{"query", "dog"}, {"vector", {1.0, 0.2, 0.3, 1.0}}, {"k", 2}, {"ef_search", 100},
                                      {"fusion", {{"method", "rrf"}, {"window", window}}}, {"total", true},
                                      {"facets", kFacets}});
    CHECK(answer.at("total").at("lexical") == lexical);
    CHECK(answer.at("total").at("dense_window") == window);
    check_facets(answer, count(matched));
}

TEST_CASE("facets and total: bad values are 400 with their path", "[e2e][facets]") {
    LoadedServer server;
    auto c = server.client();
    auto post = [&](json::object facets) {
        return c.request("POST", "/collections/docs/search",
                         json::serialize(json::object{{"query", "cat"}, {"facets", std::move(facets)}}));
    };
    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","facets":[]})"), 400, "facets");
    require_error(post({}), 400, "facets");
    require_error(post({{"tags", 3}}), 400, "facets.tags");
    CHECK(require_error(post({{"tags", {{"top", 3}}}}), 400).at("type") == "unknown_member");
    CHECK(require_error(post({{"nope", {{"size", 3}}}}), 400, "facets.nope").at("type") == "invalid_request");
    require_error(post({{"title", {{"size", 3}}}}), 400, "facets.title");
    require_error(post({{"tags", {{"size", 0}}}}), 400, "facets.tags.size");
    require_error(post({{"tags", {{"size", 1001}}}}), 400, "facets.tags.size");
    require_error(post({{"tags", {{"size", "ten"}}}}), 400, "facets.tags.size");
    require_error(post({{"tags", {{"ranges", {{{"lt", 3}}}}}}}), 400, "facets.tags.ranges");
    require_error(post({{"year", {{"ranges", json::array{}}}}}), 400, "facets.year.ranges");
    require_error(post({{"year", {{"ranges", "all"}}}}), 400, "facets.year.ranges");
    require_error(post({{"year", {{"ranges", {json::object{}}}}}}), 400, "facets.year.ranges[0]");
    require_error(post({{"year", {{"ranges", {{{"lt", 5}}, {{"gte", 9}, {"lt", 2}}}}}}}), 400, "facets.year.ranges[1]");
    require_error(post({{"year", {{"ranges", {{{"lt", "soon"}}}}}}}), 400, "facets.year.ranges[0].lt");
    CHECK(require_error(post({{"year", {{"ranges", {{{"lte", 5}}}}}}}), 400).at("type") == "unknown_member");
    require_error(post({{"year", {{"size", 2}, {"ranges", {{{"lt", 5}}}}}}}), 400, "facets.year");
    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","total":"yes"})"), 400, "total");
}

TEST_CASE("facets: float ranges and boolean values on a collection created over HTTP", "[e2e][facets]") {
    LoadedServer server;
    auto c = server.client();
    const auto created = c.request("PUT", "/collections/shop", R"({"id_field": "id", "fields": {
        "name": {"type": "text"}, "price": {"type": "float"}, "available": {"type": "bool"}}})");
    INFO(created.body);
    REQUIRE(created.status == 201);
    std::string lines;
    std::int64_t cheap = 0, dear = 0, yes = 0, no = 0;
    for (int i = 0; i < 30; ++i) {
        const double price = 0.5 + i * 1.25;
        json::object doc{{"id", numbered("s", i)}, {"name", i % 2 ? "red lamp" : "blue lamp"}, {"price", price}};
        if (i % 5) doc["available"] = i % 3 == 0;
        lines += json::serialize(doc) + "\n";
        if (i % 2) continue;  // the query "blue" matches the even ones
        (price < 20 ? cheap : dear) += 1;
        if (i % 5) (i % 3 == 0 ? yes : no) += 1;
    }
    const auto bulk = c.request("POST", "/collections/shop/documents/_bulk", lines, "application/x-ndjson");
    REQUIRE(bulk.status == 200);
    const auto answer = search_ok(c, {{"query", "blue"}, {"k", 1}, {"total", true},
                                      {"facets", {{"price", {{"ranges", {{{"lt", 20}}, {{"gte", 20}}}}}},
                                                  {"available", {{"size", 5}}}}}},
                                  "shop");
    CHECK(answer.at("total").at("lexical") == 15);
    const auto& price = answer.at("facets").at("price").at("buckets").as_array();
    REQUIRE(price.size() == 2);
    CHECK(price[0].at("count") == cheap);
    CHECK(price[1].at("count") == dear);
    const auto& available = answer.at("facets").at("available").at("buckets").as_array();
    REQUIRE(available.size() == 2);
    // By count, then value (false before true).
    const bool false_first = no >= yes;
    CHECK(available[0].at("value") == !false_first);
    CHECK(available[0].at("count") == std::max(yes, no));
    CHECK(available[1].at("count") == std::min(yes, no));
    CHECK(answer.at("facets").at("available").at("other") == 0);
    const auto sized = c.request("POST", "/collections/shop/search", R"({"query":"blue","facets":{"price":{"size":3}}})");
    require_error(sized, 400, "facets.price.size");
}
