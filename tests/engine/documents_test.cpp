#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

namespace json = boost::json;

// Runs `fn`, expecting braid::Error of `kind` with `type` and `path`; returns the message.
template <typename Fn>
std::string expect_error(Fn&& fn, ErrorKind kind, const std::string& type, const std::string& path) {
    try {
        fn();
    } catch (const Error& e) {
        CHECK(e.kind() == kind);
        CHECK(e.type() == type);
        CHECK(e.path() == path);
        return e.what();
    }
    FAIL("no braid::Error thrown");
    return {};
}

}  // namespace

TEST_CASE("upsert, replace, get and delete keep the original JSON", "[documents]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());

    auto doc = book(1);
    doc["unicode"] = "Grüße, 東京";
    doc["big"] = 12345678901234LL;
    CHECK(books->upsert("b1", doc) == UpsertOutcome::created);
    auto stored = books->get("b1");
    REQUIRE(stored);
    CHECK(same_document(*stored, as_parsed(doc)));
    CHECK(books->stats().documents == 1);
    CHECK(books->stats().vectors == 1);

    auto replacement = book(2);
    replacement["id"] = "b1";
    replacement.erase("embedding");
    CHECK(books->upsert("b1", replacement) == UpsertOutcome::replaced);
    CHECK(same_document(*books->get("b1"), as_parsed(replacement)));
    CHECK(books->stats().documents == 1);
    CHECK(books->stats().vectors == 0);  // the replacement has no vector

    // The replaced version no longer matches its old words.
    SearchRequest old_words;
    old_words.query = book(1).at("title").as_string().c_str();
    for (const auto& hit : books->search(old_words).hits) CHECK(document_of(hit) == as_parsed(replacement));

    CHECK(books->remove("b1"));
    CHECK_FALSE(books->remove("b1"));
    CHECK_FALSE(books->get("b1"));
    CHECK(books->stats().documents == 0);
    CHECK(books->search(old_words).hits.empty());
}

TEST_CASE("a document without an id field is stored under the URL id, with its id field added", "[documents]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    auto doc = book(3);
    doc.erase("id");
    books->upsert("custom", doc);
    // Stored one way, as bulk stores it: the id field first, then the members as sent.
    auto expected = as_parsed(doc).as_object();
    const auto stored = books->get("custom")->as_object();
    CHECK(stored.begin()->key() == "id");
    CHECK(stored.at("id") == "custom");
    expected["id"] = "custom";
    CHECK(same_document(json::value(stored), json::value(expected)));
    // The text form keeps the other members' text as sent.
    books->upsert_text("text", R"({ "title" : "x", "price": 1.50 })");
    CHECK(json::serialize(*books->get("text")) == R"({"id":"text","title":"x","price":1.5E0})");
    books->upsert_text("empty", "{ }");
    CHECK(*books->get("empty") == json::parse(R"({"id":"empty"})"));
}

TEST_CASE("invalid documents are rejected with the JSON path and change nothing", "[documents][validation]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    books->upsert("b0", book(0));

    SECTION("a vector component that is not a number") {
        auto doc = book(0);
        doc["embedding"].as_array()[3] = "x";
        const auto message = expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument,
                                          "invalid_vector", "embedding[3]");
        CHECK(message == "embedding[3]: expected a number, got \"x\"");
    }
    SECTION("a vector of the wrong dimension") {
        auto doc = book(0);
        doc["embedding"].as_array().push_back(1.0);
        const auto message = expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument,
                                          "invalid_vector", "embedding");
        CHECK_THAT(message, Catch::Contains("expected 4 numbers, got 5"));
    }
    SECTION("a zero vector under cosine") {
        auto doc = book(0);
        doc["embedding"] = boost::json::array{0, 0, 0, 0};
        expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument, "invalid_vector", "embedding");
    }
    SECTION("a filter field of the wrong type") {
        auto doc = book(0);
        doc["year"] = "2010";
        const auto message = expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument,
                                          "invalid_document", "year");
        CHECK(message == "year: expected an integer, got \"2010\"");
        doc = book(0);
        doc["tags"] = boost::json::array{"ok", 7};
        expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument, "invalid_document", "tags[1]");
        doc = book(0);
        doc["available"] = 1;
        expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument, "invalid_document", "available");
    }
    SECTION("a text field that is not a string") {
        auto doc = book(0);
        doc["title"] = boost::json::array{"fine", false};
        expect_error([&] { books->upsert("b0", doc); }, ErrorKind::invalid_argument, "invalid_document", "title[1]");
    }
    SECTION("an id field that differs from the URL id") {
        expect_error([&] { books->upsert("other", book(0)); }, ErrorKind::invalid_argument, "invalid_document", "id");
    }
    // Whatever failed, the stored document is untouched.
    CHECK(same_document(*books->get("b0"), as_parsed(book(0))));
    CHECK(books->stats().documents == 1);
    CHECK(books->stats().vectors == 1);
}

TEST_CASE("text fields may be arrays of strings", "[documents]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    auto doc = book(0);
    doc["title"] = boost::json::array{"zeppelin", "harbour"};
    books->upsert("b0", doc);
    SearchRequest request;
    request.query = "harbour";
    request.fields = {{"title", 1.0}};
    CHECK(ids(books->search(request)) == std::vector<std::string>{"b0"});
}

TEST_CASE("the catalog creates, lists, gets and drops collections", "[catalog]") {
    auto catalog = memory_catalog();
    books_collection(*catalog, 5);
    catalog->create(books_schema("empty", 0));
    const auto listed = catalog->list();
    REQUIRE(listed.size() == 2);
    CHECK(listed[0] == std::pair<std::string, std::size_t>{"books", 5});
    CHECK(listed[1] == std::pair<std::string, std::size_t>{"empty", 0});

    expect_error([&] { catalog->create(books_schema()); }, ErrorKind::conflict, "collection_exists", "name");
    auto held = catalog->get("books");
    catalog->drop("books");
    expect_error([&] { catalog->get("books"); }, ErrorKind::not_found, "collection_not_found", "");
    expect_error([&] { catalog->drop("books"); }, ErrorKind::not_found, "collection_not_found", "");
    // A handle kept across the drop refuses writes.
    expect_error([&] { held->upsert("b9", book(9)); }, ErrorKind::not_found, "collection_not_found", "");
    CHECK(catalog->list().size() == 1);
}

TEST_CASE("a schema naming an unknown analyzer is rejected with the available ones", "[catalog][validation]") {
    auto catalog = memory_catalog();
    auto schema = books_schema();
    schema.fields[1].analyzer = "klingon";
    const auto message = expect_error([&] { catalog->create(schema); }, ErrorKind::invalid_argument,
                                      "unknown_analyzer", "fields.body.analyzer");
    CHECK_THAT(message, Catch::Contains("\"klingon\""));
    CHECK_THAT(message, Catch::Contains("english"));
    CHECK_THAT(message, Catch::Contains("standard"));
    CHECK(catalog->list().empty());
}
