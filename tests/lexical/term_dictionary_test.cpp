#include <catch2/catch.hpp>

#include <string>

#include "lexical/term_dictionary.hpp"

using braid::lexical::kNoTerm;
using braid::lexical::TermDictionary;
using braid::lexical::TermId;

TEST_CASE("TermDictionary assigns dense ids and finds every term after growing", "[lexical][dictionary]") {
    TermDictionary dict;
    CHECK(dict.find("absent") == kNoTerm);
    CHECK(dict.intern("") == 0);  // the empty string is a term like any other
    for (int i = 0; i < 50000; ++i) {
        std::string term = "term";
        term += std::to_string(i);
        REQUIRE(dict.intern(term) == static_cast<TermId>(i + 1));
    }
    CHECK(dict.size() == 50001);
    for (int i = 0; i < 50000; i += 7) {
        std::string term = "term";
        term += std::to_string(i);
        REQUIRE(dict.find(term) == static_cast<TermId>(i + 1));
        REQUIRE(dict.intern(term) == static_cast<TermId>(i + 1));  // interning again changes nothing
        REQUIRE(dict.text(static_cast<TermId>(i + 1)) == term);
    }
    CHECK(dict.find("term50000") == kNoTerm);
    CHECK(dict.find("") == 0);
    CHECK(dict.size() == 50001);
}
