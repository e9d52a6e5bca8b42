// "collapse" against an exhaustive oracle: the uncollapsed ranked list (every hit), collapsed in
// the test by the first hit per value, then paged. Random corpora; lexical, dense and hybrid.
#include <map>
#include <random>
#include <set>
#include <unordered_set>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/collapse.hpp"
#include "engine_fixture.hpp"

using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

boost::json::object random_doc(std::mt19937& rng, int i) {
    const auto& words = vocabulary();
    boost::json::object doc;
    doc["id"] = numbered("d", i);
    std::string body;
    const int length = 2 + static_cast<int>(rng() % 6);
    for (int w = 0; w < length; ++w) {
        const std::size_t spread = rng() % 3 == 0 ? words.size() : 4;  // mostly four common words
        body += words[rng() % spread] + " ";
    }
    doc["body"] = body;
    doc["title"] = words[rng() % words.size()];
    const auto kind = rng() % 10;
    if (kind < 6) doc["parent"] = numbered("p", static_cast<long long>(rng() % 9));
    else if (kind == 6) doc["parent"] = nullptr;
    else if (kind == 7) doc["parent"] = boost::json::array{numbered("p", static_cast<long long>(rng() % 9)), "zz"};
    // otherwise absent: a group of its own
    std::normal_distribution<double> normal;
    doc["embedding"] = boost::json::array{normal(rng), normal(rng), normal(rng), normal(rng)};
    return doc;
}

// The oracle's group key, read independently of engine/collapse.cpp.
std::optional<std::string> oracle_key(const boost::json::object& doc) {
    const auto* v = doc.if_contains("parent");
    if (!v) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    if (v->is_array() && !v->as_array().empty()) return std::string(v->as_array()[0].as_string());
    return std::nullopt;
}

SearchRequest base_request(int variant, std::mt19937& rng) {
    SearchRequest r;
    const auto& words = vocabulary();
    if (variant != 1) r.query = words[rng() % 4] + " " + words[rng() % words.size()];
    if (variant != 0) {
        std::normal_distribution<double> normal;
        r.vector = std::vector<float>{static_cast<float>(normal(rng)), static_cast<float>(normal(rng)),
                                      static_cast<float>(normal(rng)), static_cast<float>(normal(rng))};
    }
    // Windows beyond the corpus and an exhaustive-enough HNSW: the ranking does not depend on k.
    if (variant == 2) r.fusion = RrfParams{60, 1000};
    r.ef_search = 1000;
    return r;
}

}  // namespace

TEST_CASE("collapse: every page equals the oracle's collapsed list, in every mode", "[collapse]") {
    for (unsigned seed = 1; seed <= 6; ++seed) {
        std::mt19937 rng(seed);
        auto catalog = memory_catalog();
        auto schema = books_schema("c" + std::to_string(seed));
        schema.fields.push_back({"parent", braid::config::FieldType::keyword, "standard"});
        auto collection = catalog->create(schema);
        const int size = 60 + static_cast<int>(rng() % 120);
        std::map<std::string, boost::json::object> docs;
        for (int i = 0; i < size; ++i) {
            auto doc = random_doc(rng, i);
            docs[std::string(doc.at("id").as_string())] = doc;
            collection->upsert(numbered("d", i), doc);
        }
        for (int variant = 0; variant < 3; ++variant) {
            SearchRequest request = base_request(variant, rng);
            SearchRequest all = request;
            all.k = 1000;
            std::vector<std::string> expected;
            std::set<std::string> seen;
            for (const auto& hit : collection->search(all).hits) {
                const auto key = oracle_key(docs.at(hit.id));
                if (key && !seen.insert(*key).second) continue;
                expected.push_back(hit.id);
            }
            INFO("seed " << seed << " variant " << variant);
            REQUIRE_FALSE(expected.empty());

            request.collapse = "parent";
            for (std::size_t page_size : {1u, 3u, 7u}) {
                std::vector<std::string> paged;
                for (std::size_t offset = 0; offset < expected.size() + page_size; offset += page_size) {
                    request.offset = offset;
                    request.k = page_size;
                    for (auto& id : ids(collection->search(request))) paged.push_back(id);
                }
                CHECK(paged == expected);
            }
            request.offset = 0;
            request.k = 1000;
            CHECK(ids(collection->search(request)) == expected);
        }
    }
}

TEST_CASE("collapse: include may leave the collapse field out, and the field must be a keyword", "[collapse]") {
    auto catalog = memory_catalog();
    auto schema = books_schema("shape");
    schema.fields.push_back({"parent", braid::config::FieldType::keyword, "standard"});
    auto collection = catalog->create(schema);
    for (int i = 0; i < 12; ++i) {
        auto doc = book(i);
        doc["parent"] = numbered("p", i % 4);
        collection->upsert(numbered("b", i), doc);
    }
    SearchRequest request;
    request.query = "river mountain forest ocean desert valley island glacier canyon meadow volcano prairie";
    request.k = 100;
    request.collapse = "parent";
    request.document.fields.include = {"title"};
    const auto response = collection->search(request);
    CHECK(response.hits.size() == 4);
    for (const auto& hit : response.hits) CHECK(document_of(hit).as_object().size() == 1);

    for (const std::string field : {"title", "year", "nope"}) {
        request.collapse = field;
        try {
            collection->search(request);
            FAIL("no error for " << field);
        } catch (const braid::Error& e) {
            CHECK(e.path() == "collapse");
            CHECK(e.type() == "invalid_request");
        }
    }
}

TEST_CASE("collapse_key reads a string, the first string of an array, and nothing else", "[collapse]") {
    CHECK(collapse_key(R"({"p":"a"})", "p") == std::optional<std::string>("a"));
    CHECK(collapse_key(R"({"p":["b","c"]})", "p") == std::optional<std::string>("b"));
    CHECK_FALSE(collapse_key(R"({"p":null})", "p"));
    CHECK_FALSE(collapse_key(R"({"q":"a"})", "p"));
    CHECK_FALSE(collapse_key(R"({"p":[]})", "p"));
}
