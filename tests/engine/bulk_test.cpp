#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

std::string line(const boost::json::object& doc) { return boost::json::serialize(doc) + "\n"; }

}  // namespace

TEST_CASE("bulk indexes the good lines and reports each bad one with its line number", "[bulk]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());

    auto bad_vector = book(3);
    bad_vector["embedding"].as_array()[0] = "oops";
    auto no_id = book(4);
    no_id.erase("id");
    auto duplicate = book(1);
    duplicate["title"] = "the final version";

    std::string body;
    body += line(book(0));                 // 1
    body += line(book(1));                 // 2
    body += "\n";                          // 3: blank, skipped
    body += "{\"id\": \"b2\", \"title\": \n";  // 4: broken JSON
    body += line(bad_vector);              // 5
    body += "[1, 2, 3]\r\n";               // 6: not an object (CRLF tolerated)
    body += line(no_id);                   // 7
    body += line(duplicate);               // 8: same id as line 2, wins
    body += line(book(5));                 // 9, no trailing newline below
    body += boost::json::serialize(book(6));  // 10

    const BulkResult result = books->bulk(body);
    CHECK(result.indexed == 5);
    CHECK(result.failed == 4);
    REQUIRE(result.errors.size() == 4);
    CHECK(result.errors[0].line == 4);
    CHECK(result.errors[0].type == "parse_error");
    CHECK_FALSE(result.errors[0].id);
    CHECK(result.errors[1].line == 5);
    CHECK(result.errors[1].type == "invalid_vector");
    CHECK(result.errors[1].id == std::optional<std::string>("b3"));
    CHECK_THAT(result.errors[1].message, Catch::Contains("embedding[0]"));
    CHECK(result.errors[1].path == "embedding[0]");
    CHECK(result.errors[0].path.empty());  // the line as a whole
    CHECK(result.errors[2].line == 6);
    CHECK(result.errors[2].type == "invalid_document");
    CHECK(result.errors[3].line == 7);
    CHECK_THAT(result.errors[3].message, Catch::Contains("\"id\""));

    CHECK(books->stats().documents == 4);  // b0, b1, b5, b6
    CHECK(books->get("b0"));
    CHECK(*books->get("b1") == as_parsed(duplicate));
    CHECK_FALSE(books->get("b2"));
    CHECK_FALSE(books->get("b3"));
    CHECK(books->get("b5"));
    CHECK(books->get("b6"));

    SearchRequest r;
    r.query = "final version";
    CHECK(ids(books->search(r)) == std::vector<std::string>{"b1"});
}

TEST_CASE("bulk applies bodies larger than one batch", "[bulk]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    std::string body;
    for (int i = 0; i < 2500; ++i) body += line(book(i));
    const BulkResult result = books->bulk(body);
    CHECK(result.indexed == 2500);
    CHECK(result.failed == 0);
    CHECK(books->stats().documents == 2500);
    CHECK(books->stats().vectors == 2500);
    // Bulk over existing ids replaces them.
    CHECK(books->bulk(line(book(7)) + line(book(8))).indexed == 2);
    CHECK(books->stats().documents == 2500);
}

TEST_CASE("a bulk whose ids repeat across apply slices keeps the last version of each, text and vector", "[bulk]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    // 300 lines over 100 ids: every id comes three times, 100 lines apart, so each version of an
    // id is applied in a different slice of the batch than the one it replaces.
    std::string body;
    for (int i = 0; i < 300; ++i) {
        auto doc = book(i);
        doc["id"] = numbered("b", i % 100);
        body += line(doc);
    }
    const BulkResult result = books->bulk(body);
    CHECK(result.indexed == 300);
    CHECK(result.failed == 0);
    CHECK(books->stats().documents == 100);
    CHECK(books->stats().vectors == 100);
    for (int j : {0, 37, 63, 99}) {
        auto last = book(200 + j);
        last["id"] = numbered("b", j);
        CHECK(*books->get(numbered("b", j)) == as_parsed(last));
        SearchRequest r;
        r.vector = book_vector(200 + j);
        r.k = 1;
        const auto hits = ids(books->search(r));
        CHECK(hits == std::vector<std::string>{numbered("b", j)});
    }
}

TEST_CASE("a line holding several objects (curl -d stripped the newlines) says so and how to send it", "[bulk]") {
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    const std::string first = boost::json::serialize(book(0));
    const std::string glued = first + boost::json::serialize(book(1)) + " " + boost::json::serialize(book(2));
    const BulkResult result = books->bulk(glued + "\n" + first + " [1]\n" + line(book(3)));
    CHECK(result.indexed == 1);
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].line == 1);
    CHECK(result.errors[0].type == "concatenated_documents");
    CHECK_THAT(result.errors[0].message, Catch::Contains("--data-binary"));
    CHECK_THAT(result.errors[0].message, Catch::Contains("byte " + std::to_string(first.size())));
    CHECK(result.errors[0].path.empty());
    CHECK(result.errors[1].line == 2);
    CHECK(result.errors[1].type == "parse_error");  // something else after the object
    CHECK(books->stats().documents == 1);
}
