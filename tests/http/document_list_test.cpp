// The listing route's query parameters and cursors (http/document_list.hpp).
#include <catch2/catch.hpp>

#include <random>

#include "core/error.hpp"
#include "http/document_list.hpp"

using namespace braid;
using namespace braid::http;

TEST_CASE("a cursor gives back the id it was made from, for any bytes", "[http][list]") {
    std::mt19937 random(7);
    for (std::size_t length = 1; length <= 40; ++length) {
        for (int round = 0; round < 20; ++round) {
            std::string id(length, '\0');
            for (auto& c : id) c = static_cast<char>(random() % 256);
            const std::string cursor = cursor_after(id);
            INFO(cursor);
            CHECK(cursor.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                  std::string::npos);
            CHECK(id_of_cursor(cursor) == id);
        }
    }
    CHECK(cursor_after("n2") == "bjI");
}

TEST_CASE("a cursor the server did not make is a 400 naming the cursor", "[http][list]") {
    for (const char* bad : {"", "a", "bjI=", "bj+I", "bjJ", "b j", "bjI*"}) {
        INFO(bad);
        try {
            id_of_cursor(bad);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::invalid_argument);
            CHECK(e.path() == "cursor");
        }
    }
}

TEST_CASE("query parameters are found by name and percent-decoded", "[http][list]") {
    const std::string target = "/collections/a/documents?limit=5&cursor=bj%49&pretty#frag";
    CHECK(query_parameter(target, "limit") == "5");
    CHECK(query_parameter(target, "cursor") == "bjI");
    CHECK(query_parameter(target, "pretty") == "");
    CHECK_FALSE(query_parameter(target, "frag"));
    CHECK_FALSE(query_parameter("/collections/a/documents", "limit"));
    CHECK(query_parameter("/x?a=1&a=2", "a") == "1");  // the first one
}
