#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;
namespace json = boost::json;

namespace {

SearchRequest query_for(const std::string& text) {
    SearchRequest request;
    request.query = text;
    request.k = 100;
    return request;
}

std::vector<std::string> member_names(const std::string& document) {
    std::vector<std::string> names;
    const json::value parsed = json::parse(document);
    for (const auto& m : parsed.as_object()) names.emplace_back(m.key());
    return names;
}

}  // namespace

TEST_CASE("hits leave the vector out unless include_vector, which puts it back in its place", "[document_shape]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    for (int i = 0; i < 40; ++i) books->upsert(numbered("b", i), book(i));

    SearchRequest plain = query_for("forest");
    plain.vector = book_vector(3);
    const auto hits = books->search(plain).hits;
    REQUIRE_FALSE(hits.empty());
    for (const auto& hit : hits) {
        const json::value got = document_of(hit);
        CHECK_FALSE(got.as_object().contains("embedding"));
        json::object expected = as_parsed(book(std::stoi(hit.id.substr(1)))).as_object();
        expected.erase("embedding");
        CHECK(got == expected);
    }

    SearchRequest with_vector = plain;
    with_vector.document.include_vector = true;
    for (const auto& hit : books->search(with_vector).hits) {
        const json::value sent = as_parsed(book(std::stoi(hit.id.substr(1))));
        CHECK(same_document(document_of(hit), sent));
        std::vector<std::string> sent_names;
        for (const auto& m : sent.as_object()) sent_names.emplace_back(m.key());
        CHECK(member_names(hit.document) == sent_names);  // the vector where it was sent
    }
}

TEST_CASE("include and exclude select top-level members of each hit's document", "[document_shape]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    for (int i = 0; i < 20; ++i) books->upsert(numbered("b", i), book(i));

    SearchRequest request = query_for("river forest");
    request.document.fields.include = {"title", "year", "embedding", "missing"};
    auto hits = books->search(request).hits;
    REQUIRE_FALSE(hits.empty());
    for (const auto& hit : hits) CHECK(member_names(hit.document) == std::vector<std::string>{"title", "year"});

    request.document.include_vector = true;
    for (const auto& hit : books->search(request).hits)
        CHECK(member_names(hit.document) == std::vector<std::string>{"title", "year", "embedding"});

    request.document.fields = {{}, {"body", "extra", "embedding"}};
    for (const auto& hit : books->search(request).hits)
        CHECK(member_names(hit.document) ==
              std::vector<std::string>{"id", "title", "tags", "year", "price", "available"});
}

TEST_CASE("a stored document keeps its bytes as sent, minus the vector", "[document_shape]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    const std::string sent =
        R"({ "id":"x1", "title" : "forest glade", "price": 1.50, "embedding": [0, 0.5, 0, 0], "extra": {"k":[1e2]} })";
    books->upsert_text("x1", sent);
    const auto hits = books->search(query_for("forest")).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].document == R"({ "id":"x1", "title" : "forest glade", "price": 1.50, "extra": {"k":[1e2]} })");
    CHECK(*books->get_text("x1") ==
          R"({ "id":"x1", "title" : "forest glade", "price": 1.50,"embedding":[0,0.5,0,0], "extra": {"k":[1e2]} })");
}

TEST_CASE("a query with more analyzed terms than the limit is refused naming the limit", "[document_shape]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    for (int i = 0; i < 10; ++i) books->upsert(numbered("b", i), book(i));
    std::string many;
    for (int i = 0; i < 300; ++i) many += "unknownterm" + std::to_string(i) + " ";
    SearchRequest request = query_for(many + "forest");
    request.max_query_terms = 301;
    CHECK_FALSE(books->search(request).hits.empty());  // 300 unknown terms and one known
    request.max_query_terms = 300;
    try {
        books->search(request);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.type() == "too_many_query_terms");
        CHECK(e.path() == "query");
        CHECK(std::string(e.what()).find("300") != std::string::npos);
        CHECK(std::string(e.what()).find("server.max_query_terms") != std::string::npos);
    }
    request.fields = {{"title", 1.0}};
    CHECK_THROWS_AS(books->search(request), Error);
}

TEST_CASE("a data directory written before vectors left the stored text still loads", "[document_shape]") {
    const std::filesystem::path fixture = std::filesystem::path(BRAID_SOURCE_DIR) / "tests/engine/fixtures/main_snapshot";
    TempDir dir;
    std::filesystem::copy(fixture / "wal", dir / "wal", std::filesystem::copy_options::recursive);
    std::filesystem::copy(fixture / "snapshots", dir / "snapshots", std::filesystem::copy_options::recursive);
    Catalog catalog(CatalogOptions{dir.path()}, analyzers::AnalyzerRegistry::with_builtins());
    catalog.open({});
    auto papers = catalog.get("papers");
    REQUIRE(papers->stats().documents == 3);
    CHECK(papers->stats().vectors == 2);

    std::ifstream sent_file(fixture / "sent.jsonl");
    std::string line;
    while (std::getline(sent_file, line)) {
        const json::value sent = json::parse(line);
        const std::string id(sent.at("id").as_string());
        CHECK(same_document(*papers->get(id), sent));
    }
    SearchRequest request;
    request.query = "cholesterol";
    const auto hits = papers->search(request).hits;
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].document == R"({"id": "p1", "title": "Statins lower cholesterol", "year": 2010, "note": {"k": [1.50, "x"]}})");
    SearchRequest dense;
    dense.vector = std::vector<float>{1, 0, 0};
    CHECK(papers->search(dense).hits.at(0).id == "p2");
}
