#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "core/json_reindent.hpp"
#include "core/json_text.hpp"

using braid::json_text;
using braid::pretty_json_text;
using braid::reindent_json_text;

TEST_CASE("re-indented compact text is laid out exactly as pretty_json_text lays out the value", "[json]") {
    for (const char* text : {
             R"({"hits":[{"id":"a","score":0.5,"document":{"t":"x","tags":[],"n":{}}}],"fusion":null,"took_ms":1.25})",
             R"([1,[2,[3,{}]],{"a":{"b":[true,false,null]}}])",
             R"({})", R"([])", R"("just a string")", R"(42)",
             R"({"braces in strings":"{[,:]}","escaped \"quote\" and \\":"\\\"}"})",
         }) {
        INFO(text);
        const auto value = boost::json::parse(text);
        CHECK(reindent_json_text(json_text(value)) == pretty_json_text(value));
    }
}

TEST_CASE("re-indenting keeps every number and string as written and drops outside whitespace", "[json]") {
    // Boost.JSON 1.81 reads decimals to within 1 ULP: re-indenting must never read them back.
    CHECK(reindent_json_text(R"({"a":0.30000000000000004,"b":2.50,"c":1E400})") ==
          "{\n  \"a\": 0.30000000000000004,\n  \"b\": 2.50,\n  \"c\": 1E400\n}");
    CHECK(reindent_json_text("{ \"a\" :\t[ 1 ,\n 2 ] , \"s\": \"two  spaces\" }") ==
          "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"s\": \"two  spaces\"\n}");
    CHECK(reindent_json_text("[ ]") == "[]");
}

TEST_CASE("re-indenting malformed text stays within it", "[json]") {
    // Not valid JSON, so no layout is promised; reading past the end would be a bug (ASan).
    CHECK(reindent_json_text("\"abc\\") == "\"abc\\");
    CHECK(reindent_json_text("{\"a\":\"x") == "{\n  \"a\": \"x");
    CHECK(reindent_json_text("]]}").size() >= 3);
    CHECK(reindent_json_text("").empty());
    CHECK(reindent_json_text("[").front() == '[');
}
