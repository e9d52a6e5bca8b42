#include <catch2/catch.hpp>

#include "http/utf8.hpp"

using braid::http::is_valid_utf8;
using braid::http::sanitize_utf8;

TEST_CASE("UTF-8 validation is strict", "[http][utf8]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80"));  // é, 日本, 😀
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xc3"));              // truncated
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate U+D800
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("ok\x80"));
}

TEST_CASE("sanitizing keeps valid sequences and replaces stray bytes", "[http][utf8]") {
    CHECK(sanitize_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
    CHECK(sanitize_utf8("a\xffz") == "a?z");
    CHECK(sanitize_utf8("\xc3(") == "?(");
    CHECK(is_valid_utf8(sanitize_utf8("\xed\xa0\x80\xf0\x9f\x98")));
}
