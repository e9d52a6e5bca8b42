// Each member of the README's search body over HTTP, with the expected answer derived by the
// test from the documents it sent: `fields` and boosts, `operator`, `ef_search`, every filter
// form on integer, float, bool and keyword fields, and the window growing to offset + k.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;
using braid::test_support::embedding_of;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

// Fixture documents whose title and body (lowercased) contain `word` (a stem: "dogs" has "dog").
std::set<std::string> docs_containing(const std::string& word, const char* member = nullptr) {
    std::set<std::string> out;
    for (int i = 0; i < kCorpusSize; ++i) {
        const auto doc = braid::test_support::corpus_doc(i);
        const std::string text = member ? std::string(doc.at(member).as_string()) : text_of(i);
        if (lower(text).find(word) != std::string::npos) out.insert(doc_id(i));
    }
    return out;
}

std::map<std::string, double> scores_by_id(const json::value& answer) {
    std::map<std::string, double> out;
    for (const auto& hit : answer.at("hits").as_array())
        out[std::string(hit.at("id").as_string())] = hit.at("score").to_number<double>();
    return out;
}

}  // namespace

TEST_CASE("fields: only the named text fields are searched, each score scaled by its boost", "[e2e][search]") {
    LoadedServer server;
    auto c = server.client();
    // "number" is only in bodies, "document" only in titles.
    REQUIRE(docs_containing("number", "title").empty());
    REQUIRE(docs_containing("document", "body").empty());
    CHECK(search_ok(c, {{"query", "number"}, {"k", 100}, {"fields", {{"title", 1.0}}}}).at("hits").as_array().empty());
    CHECK(id_set(search_ok(c, {{"query", "number"}, {"k", 100}, {"fields", {{"body", 1.0}}}})) ==
          docs_containing("number", "body"));
    CHECK(search_ok(c, {{"query", "document"}, {"k", 100}, {"fields", {{"body", 1.0}}}}).at("hits").as_array().empty());

    // "dog": in the titles of i % 4 == 3 ("dogs"), in the bodies of i % 3 == 0.
    const auto title_only = search_ok(c, {{"query", "dog"}, {"k", 100}, {"fields", {{"title", 1.0}}}});
    const auto body_only = search_ok(c, {{"query", "dog"}, {"k", 100}, {"fields", {{"body", 1.0}}}});
    CHECK(id_set(title_only) == docs_containing("dog", "title"));
    CHECK(id_set(body_only) == docs_containing("dog", "body"));

    SECTION("a boost multiplies that field's scores") {
        const auto tripled = search_ok(c, {{"query", "dog"}, {"k", 100}, {"fields", {{"title", 3.0}}}});
        CHECK(hit_ids(tripled) == hit_ids(title_only));
        const auto once = scores_by_id(title_only);
        for (const auto& [id, score] : scores_by_id(tripled)) CHECK(score == Approx(3 * once.at(id)).epsilon(1e-5));
    }
    SECTION("two fields: each document's score is the boosted sum of its per-field scores") {
        const auto both = search_ok(c, {{"query", "dog"}, {"k", 100}, {"fields", {{"title", 2.0}, {"body", 0.5}}}});
        const auto t = scores_by_id(title_only), b = scores_by_id(body_only);
        std::set<std::string> expected_ids;
        for (const auto& [id, _] : t) expected_ids.insert(id);
        for (const auto& [id, _] : b) expected_ids.insert(id);
        CHECK(id_set(both) == expected_ids);
        double previous = 1e300;
        for (const auto& hit : both.at("hits").as_array()) {
            const std::string id(hit.at("id").as_string());
            const double expected = 2.0 * (t.count(id) ? t.at(id) : 0) + 0.5 * (b.count(id) ? b.at(id) : 0);
            CHECK(hit.at("score").to_number<double>() == Approx(expected).epsilon(1e-5));
            CHECK(hit.at("score").to_number<double>() <= previous);
            previous = hit.at("score").to_number<double>();
        }
        // A document with "dog" in both fields outranks its title-only and body-only neighbours.
        REQUIRE_FALSE(docs_containing("dog", "title").empty());
    }
    SECTION("a boost of 0 keeps the field's matches but adds nothing to their scores") {
        const auto zero = search_ok(c, {{"query", "dog"}, {"k", 100}, {"fields", {{"title", 0.0}, {"body", 1.0}}}});
        const auto b = scores_by_id(body_only);
        for (const auto& [id, score] : scores_by_id(zero)) CHECK(score == Approx(b.count(id) ? b.at(id) : 0.0).margin(1e-6));
    }
    SECTION("fields that are not text fields are a 400 naming the field") {
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"dog","fields":{"nope":1}})"), 400,
                      "fields.nope");
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"dog","fields":{"tags":1}})"), 400,
                      "fields.tags");
        require_error(c.request("POST", "/collections/docs/search", R"({"query":"dog","fields":{"title":-1}})"), 400,
                      "fields.title");
    }
}

TEST_CASE("operator: \"or\" matches any term, \"and\" only documents with every term", "[e2e][search]") {
    LoadedServer server;
    auto c = server.client();
    const auto dog = docs_containing("dog"), jump = docs_containing("jump");
    std::set<std::string> both, either;
    std::set_intersection(dog.begin(), dog.end(), jump.begin(), jump.end(), std::inserter(both, both.end()));
    std::set_union(dog.begin(), dog.end(), jump.begin(), jump.end(), std::inserter(either, either.end()));
    REQUIRE(both.size() >= 2);
    REQUIRE(either.size() > both.size());
    const auto all = search_ok(c, {{"query", "dogs jumping"}, {"operator", "and"}, {"k", 100}});
    CHECK(id_set(all) == both);
    CHECK(id_set(search_ok(c, {{"query", "dogs jumping"}, {"operator", "or"}, {"k", 100}})) == either);
    CHECK(id_set(search_ok(c, {{"query", "dogs jumping"}, {"k", 100}})) == either);  // "or" by default
    // A term no document has: "and" finds nothing, "or" what the other term finds.
    CHECK(search_ok(c, {{"query", "dog zebra"}, {"operator", "and"}, {"k", 100}}).at("hits").as_array().empty());
    CHECK(id_set(search_ok(c, {{"query", "dog zebra"}, {"operator", "or"}, {"k", 100}})) == dog);
    // In a hybrid search, "and" narrows the lexical side only.
    const auto hybrid = search_ok(c, {{"query", "dogs jumping"}, {"operator", "and"}, {"vector", embedding_of(0)}, {"k", 100}});
    for (const auto& hit : hybrid.at("hits").as_array()) {
        if (hit.as_object().contains("lexical")) CHECK(both.count(std::string(hit.at("id").as_string())) == 1);
    }
    const auto bad = c.request("POST", "/collections/docs/search", R"({"query":"dog","operator":"xor"})");
    require_error(bad, 400, "operator");
}

TEST_CASE("ef_search: the graph walk uses the one asked for, at least k", "[e2e][search]") {
    LoadedServer server;
    auto c = server.client();
    auto walked = [&](json::object body) {
        body["explain"] = true;
        return search_ok(c, body).at("explain").at("dense").at("ef_search").to_number<double>();
    };
    CHECK(walked({{"vector", embedding_of(1)}, {"k", 3}}) == 64);  // the collection's ef_search
    CHECK(walked({{"vector", embedding_of(1)}, {"k", 3}, {"ef_search", 77}}) == 77);
    CHECK(walked({{"vector", embedding_of(1)}, {"k", 5}, {"ef_search", 2}}) == 5);  // never below k
    // Hybrid: the dense side is asked for the fusion window (100), capped at the 40 documents.
    CHECK(walked({{"query", "cat"}, {"vector", embedding_of(1)}, {"k", 3}, {"ef_search", 20}}) == kCorpusSize);
    CHECK(walked({{"query", "cat"}, {"vector", embedding_of(1)}, {"k", 3}, {"ef_search", 90}}) == 90);
    require_error(c.request("POST", "/collections/docs/search", R"({"vector":[1,0,0,0],"ef_search":0})"), 400, "ef_search");
    require_error(c.request("POST", "/collections/docs/search", R"({"vector":[1,0,0,0],"ef_search":-3})"), 400, "ef_search");
}

namespace {

// A collection with one field of every filterable type: item i has price 0.5 i + 0.25 (exact in
// binary), available unless i % 3 == 0, qty i % 7, color by i % 4.
constexpr int kItems = 30;
const char* const kColors[] = {"red", "green", "blue", "black"};

struct Item {
    int i;
    double price;
    bool available;
    int qty;
    std::string color;
};

Item item(int i) { return {i, 0.5 * i + 0.25, i % 3 != 0, i % 7, kColors[i % 4]}; }

std::set<std::string> items_where(const std::function<bool(const Item&)>& predicate) {
    std::set<std::string> out;
    for (int i = 0; i < kItems; ++i) {
        if (predicate(item(i))) out.insert(numbered("i", i));
    }
    return out;
}

void create_items(Client& c) {
    const auto created = c.request("PUT", "/collections/items", R"({
        "id_field": "id",
        "fields": {"name": {"type": "text", "analyzer": "english"}, "price": {"type": "float"},
                   "available": {"type": "bool"}, "qty": {"type": "integer"}, "color": {"type": "keyword"}},
        "vector": {"field": "v", "dimension": 2, "metric": "cosine"}})");
    INFO(created.body);
    REQUIRE(created.status == 201);
    std::string body;
    for (int i = 0; i < kItems; ++i) {
        const Item it = item(i);
        body += json::serialize(json::object{{"id", numbered("i", i)}, {"name", numbered("item number ", i)},
                                             {"price", it.price}, {"available", it.available}, {"qty", it.qty},
                                             {"color", it.color}, {"v", json::array{std::cos(i * 0.2), std::sin(i * 0.2)}}}) +
                "\n";
    }
    const auto bulk = c.request("POST", "/collections/items/documents/_bulk", body, "application/x-ndjson");
    REQUIRE(json::parse(bulk.body).at("indexed") == kItems);
}

}  // namespace

TEST_CASE("filters: gt, gte, lt, lte on integer and float fields, bool and keyword values, lists, ANDed", "[e2e][filter]") {
    LoadedServer server;
    auto c = server.client();
    create_items(c);
    struct FilterCase {
        const char* filter;
        std::function<bool(const Item&)> expected;
    };
    const std::vector<FilterCase> cases = {
        {R"({"price": {"gt": 5.25}})", [](const Item& x) { return x.price > 5.25; }},
        {R"({"price": {"gte": 5.25}})", [](const Item& x) { return x.price >= 5.25; }},
        {R"({"price": {"lt": 5.25}})", [](const Item& x) { return x.price < 5.25; }},
        {R"({"price": {"lte": 5.25}})", [](const Item& x) { return x.price <= 5.25; }},
        {R"({"price": {"gt": 2.25, "lte": 7.25}})", [](const Item& x) { return x.price > 2.25 && x.price <= 7.25; }},
        {R"({"price": {"gte": 3, "lt": 3.5}})", [](const Item& x) { return x.price >= 3 && x.price < 3.5; }},
        // A float field takes one value or a list too, matched by equal number (issue 18).
        {R"({"price": 5.25})", [](const Item& x) { return x.price == 5.25; }},
        {R"({"price": [0.25, 7.75, 3]})", [](const Item& x) { return x.price == 0.25 || x.price == 7.75; }},
        {R"({"price": 5})", [](const Item&) { return false; }},
        {R"({"qty": {"gt": 2, "lt": 5}})", [](const Item& x) { return x.qty > 2 && x.qty < 5; }},
        {R"({"qty": {"lte": 1}})", [](const Item& x) { return x.qty <= 1; }},
        {R"({"qty": 4})", [](const Item& x) { return x.qty == 4; }},
        {R"({"qty": [0, 6]})", [](const Item& x) { return x.qty == 0 || x.qty == 6; }},
        {R"({"available": true})", [](const Item& x) { return x.available; }},
        {R"({"available": false})", [](const Item& x) { return !x.available; }},
        {R"({"available": [false]})", [](const Item& x) { return !x.available; }},
        {R"({"color": "green"})", [](const Item& x) { return x.color == "green"; }},
        {R"({"color": ["red", "blue"]})", [](const Item& x) { return x.color == "red" || x.color == "blue"; }},
        {R"({"available": true, "price": {"lt": 10}, "color": ["red", "green"]})",
         [](const Item& x) { return x.available && x.price < 10 && (x.color == "red" || x.color == "green"); }},
        {R"({"price": {"gt": 100}})", [](const Item&) { return false; }},
    };
    for (const auto& test : cases) {
        const auto filter = json::parse(test.filter);
        const auto expected = items_where(test.expected);
        INFO("filter " << test.filter);
        // The same filter on each side: lexical (every item matches "item"), dense, hybrid.
        CHECK(id_set(search_ok(c, {{"query", "item"}, {"filter", filter}, {"k", 100}}, "items")) == expected);
        CHECK(id_set(search_ok(c, {{"vector", json::array{1.0, 0.3}}, {"filter", filter}, {"k", 100}}, "items")) == expected);
        CHECK(id_set(search_ok(c, {{"query", "item"}, {"vector", json::array{0.2, 1.0}}, {"filter", filter}, {"k", 100}},
                               "items")) == expected);
    }
    SECTION("filter mistakes are 400s naming the field") {
        auto post = [&](const std::string& filter) {
            return c.request("POST", "/collections/items/search", R"({"query":"item","filter":)" + filter + "}");
        };
        require_error(post(R"({"nope": 1})"), 400, "filter.nope");
        const auto float_word = require_error(post(R"({"price": "cheap"})"), 400, "filter.price");
        CHECK(std::string(float_word.at("message").as_string()).find("expected a number") != std::string::npos);
        const auto range_on_keyword = require_error(post(R"({"color": {"gt": "a"}})"), 400);
        CHECK(std::string(range_on_keyword.at("path").as_string()).rfind("filter.color", 0) == 0);
        require_error(post(R"({"available": "yes"})"), 400, "filter.available");
        require_error(post(R"({"qty": "four"})"), 400, "filter.qty");
    }
}

TEST_CASE("the fusion window grows to offset + k, and pages under one window never repeat a hit", "[e2e][search]") {
    LoadedServer server;
    auto c = server.client();
    for (const char* method : {"rrf", "linear"}) {
        for (const char* query : {"dog", "cat jumping", "sleeps"}) {
            INFO(method << " " << query);
            const auto vector = embedding_of(static_cast<int>(std::string(query).size()));
            SECTION(std::string("a window of 5 still fills every page: ") + method + " " + query) {
                for (int page = 0; page < 4; ++page) {
                    const auto answer = search_ok(c, {{"query", query}, {"vector", vector}, {"k", 10}, {"offset", page * 10},
                                                      {"fusion", {{"method", method}, {"window", 5}}}});
                    CHECK(answer.at("fusion").at("window").to_number<double>() == std::max(5, page * 10 + 10));
                    CHECK(hit_ids(answer).size() == 10);  // 40 documents, all of them on the dense side
                }
            }
            SECTION(std::string("pages under a window that covers them all: ") + method + " " + query) {
                // The README's default window (100) covers these four pages; so does 40.
                for (const int window : {40, 100}) {
                    std::vector<std::string> seen;
                    for (int page = 0; page < 4; ++page) {
                        const auto answer = search_ok(c, {{"query", query}, {"vector", vector}, {"k", 10}, {"offset", page * 10},
                                                          {"fusion", {{"method", method}, {"window", window}}}});
                        CHECK(answer.at("fusion").at("window").to_number<double>() == window);
                        for (const auto& id : hit_ids(answer)) {
                            CHECK(std::find(seen.begin(), seen.end(), id) == seen.end());
                            seen.push_back(id);
                        }
                    }
                    CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == kCorpusSize);
                    // The four pages are the one 40-hit answer cut in four.
                    CHECK(hit_ids(search_ok(c, {{"query", query}, {"vector", vector}, {"k", 40},
                                                {"fusion", {{"method", method}, {"window", window}}}})) == seen);
                }
            }
        }
    }
}
