// How documents are stored and listed: the id field added to a document that came without it
// (engine/stored_id.hpp), listing in id order across writes, and equal scores ordered by id
// (engine/ties_by_id.hpp) against an exhaustive ranking.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include <boost/json/parse.hpp>

#include "engine/stored_id.hpp"
#include "engine/ties_by_id.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

// "b7": built by appending (GCC 12 warns, wrongly, on `"b" + std::to_string(i)`).
std::string numbered(const char* prefix, long n) {
    std::string id = prefix;
    id += std::to_string(n);
    return id;
}

}  // namespace

TEST_CASE("the id member is added first, the other members keep their text", "[documents][id]") {
    CHECK(with_id_member(R"({"a": 1.50})", "id", "x") == R"({"id":"x","a": 1.50})");
    CHECK(with_id_member(R"(  { "a" :1 } )", "_id", "x") == R"({"_id":"x","a" :1 } )");
    CHECK(with_id_member("{}", "id", "x") == R"({"id":"x"})");
    CHECK(with_id_member("{ \n }", "id", "x") == R"({"id":"x"})");
    CHECK(with_id_member(R"({"a":1})", "i\"d", "q\"\\u") == R"({"i\"d":"q\"\\u","a":1})");
    for (const char* text : {R"({"a": 1.50})", "{}", R"( {"n":{"m":[1,2]}} )"})
        CHECK(boost::json::parse(with_id_member(text, "id", "é/\n")).as_object().at("id") == "é/\n");
}

TEST_CASE("documents are listed by id, resuming after a page's last id across writes", "[documents][list]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    for (int i = 0; i < 30; ++i) books->upsert(numbered("b", i), book(i));
    std::vector<std::string> all;
    for (int i = 0; i < 30; ++i) all.push_back(numbered("b", i));
    std::sort(all.begin(), all.end());

    const auto first = books->list_documents(std::nullopt, 12);
    REQUIRE(first.documents.size() == 12);
    CHECK(first.more);
    for (std::size_t i = 0; i < 12; ++i) {
        CHECK(first.documents[i].first == all[i]);
        CHECK(boost::json::parse(first.documents[i].second).at("id") == all[i].c_str());
    }
    const auto without_id = [](int i) {
        auto doc = book(i);
        doc.erase("id");
        return doc;
    };
    books->upsert("a", without_id(1));          // before the cursor: not seen
    books->remove(all[15]);                     // after it: gone
    books->upsert("zz", without_id(2));         // after it: seen
    books->upsert(all[20], without_id(20));     // re-PUT after it: seen once
    std::vector<std::string> rest;
    std::optional<std::string> after = first.documents.back().first;
    for (;;) {
        const auto page = books->list_documents(after, 5);
        for (const auto& [id, text] : page.documents) rest.push_back(id);
        if (!page.more) break;
        after = page.documents.back().first;
    }
    std::vector<std::string> expected(all.begin() + 12, all.end());
    expected.erase(std::find(expected.begin(), expected.end(), all[15]));
    expected.push_back("zz");
    CHECK(rest == expected);
    CHECK(books->list_documents(std::string("zz"), 5).documents.empty());
}

TEST_CASE("top_k_ties_by_id equals an exhaustive ranking with ties by id, for every k", "[search][ties]") {
    std::mt19937 random(11);
    for (int round = 0; round < 50; ++round) {
        DocumentStore store;
        std::vector<std::string> ids;
        const int n = 1 + static_cast<int>(random() % 60);
        for (int i = 0; i < n; ++i) ids.push_back(numbered("id", static_cast<long>(random() % 1000)) + numbered("-", i));
        std::shuffle(ids.begin(), ids.end(), random);
        std::vector<ScoredDoc> scored;  // few distinct scores: many ties
        for (int i = 0; i < n; ++i) {
            store.add(static_cast<DocOrdinal>(i), ids[i], StrippedDocument{"{}", {}});
            scored.push_back({static_cast<DocOrdinal>(i), static_cast<float>(random() % 4)});
        }
        // The side's own order: score, then ordinal (what the indexes do).
        std::vector<ScoredDoc> side = scored;
        std::sort(side.begin(), side.end(), [](const ScoredDoc& a, const ScoredDoc& b) {
            return a.score != b.score ? a.score > b.score : a.doc < b.doc;
        });
        std::vector<ScoredDoc> oracle = scored;
        std::sort(oracle.begin(), oracle.end(), [&](const ScoredDoc& a, const ScoredDoc& b) {
            return a.score != b.score ? a.score > b.score : ids[a.doc] < ids[b.doc];
        });
        for (std::size_t k = 0; k <= static_cast<std::size_t>(n) + 2; ++k) {
            INFO("round " << round << ", n " << n << ", k " << k);
            const auto got = top_k_ties_by_id(k, store, [&](std::size_t wanted) {
                return std::vector<ScoredDoc>(side.begin(), side.begin() + static_cast<long>(std::min(wanted, side.size())));
            });
            const std::vector<ScoredDoc> want(oracle.begin(), oracle.begin() + static_cast<long>(std::min(k, oracle.size())));
            CHECK(got == want);
        }
    }
}
