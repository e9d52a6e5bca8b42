#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "lexical/query_syntax.hpp"
#include "lexical/term_expansion.hpp"
#include "lexical/tree_query.hpp"

using namespace braid;
using namespace braid::lexical;

namespace {

std::string error_of(std::string_view text) {
    try {
        parse_simple_query(text);
    } catch (const Error& e) {
        CHECK(e.type() == "invalid_query_syntax");
        CHECK(e.path() == "query");
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("the simple syntax: every operator", "[lexical][syntax]") {
    const auto q = parse_simple_query(R"(+"heart attack"~2 -mouse chole* cholestrol~ statin~1 | aspirin)");
    REQUIRE(q.alternatives.size() == 2);
    const auto& a = q.alternatives[0];
    REQUIRE(a.size() == 5);
    CHECK((a[0].kind == SyntaxKind::phrase && a[0].occur == Occur::must && a[0].text == "heart attack" && a[0].slop == 2));
    CHECK((a[0].offset == 0));
    CHECK((a[1].kind == SyntaxKind::word && a[1].occur == Occur::must_not && a[1].text == "mouse" && a[1].offset == 18));
    CHECK((a[2].kind == SyntaxKind::prefix && a[2].text == "chole" && a[2].occur == Occur::should));
    CHECK((a[3].kind == SyntaxKind::fuzzy && a[3].text == "cholestrol" && !a[3].edits));
    CHECK((a[4].kind == SyntaxKind::fuzzy && a[4].text == "statin" && a[4].edits == 1));
    REQUIRE(q.alternatives[1].size() == 1);
    CHECK(q.alternatives[1][0].text == "aspirin");
    // Operators inside a word are text: covid-19, c++, a+b.
    const auto text = parse_simple_query("covid-19 c++ a+b");
    REQUIRE(text.alternatives.size() == 1);
    CHECK(text.alternatives[0][0].text == "covid-19");
    CHECK(text.alternatives[0][1].text == "c++");
    CHECK(parse_simple_query("   ").alternatives.empty());
    // A sign standing alone is punctuation: text, as in "G - quadruplex".
    const auto dash = parse_simple_query("G - quadruplex +");
    REQUIRE(dash.alternatives.size() == 1);
    REQUIRE(dash.alternatives[0].size() == 4);
    CHECK((dash.alternatives[0][1].text == "-" && dash.alternatives[0][1].occur == Occur::should));
    CHECK((dash.alternatives[0][3].text == "+" && dash.alternatives[0][3].occur == Occur::should));
}

TEST_CASE("malformed simple syntax is an error naming the offset", "[lexical][syntax]") {
    CHECK(error_of(R"(a "unterminated)") == "query: unterminated phrase (no closing '\"') at offset 2");
    CHECK(error_of("a | | b") == "query: '|' needs a clause on each side at offset 4");
    CHECK(error_of("| a") == "query: '|' needs a clause on each side at offset 0");
    CHECK(error_of("a |") == "query: '|' needs a clause on each side at offset 2");
    CHECK(error_of("+-a") == "query: a clause takes one '+' or '-' at offset 1");
    CHECK(error_of(R"("")") == "query: empty phrase at offset 0");
    CHECK(error_of(R"("a b"~)") == "query: '~' after a phrase needs a slop (a number, e.g. ~2) at offset 5");
    CHECK(error_of(R"("a b"~101)") == "query: phrase slop above 100 at offset 6");
    CHECK(error_of(R"("a b"x)") == "query: expected a space or '|' after the clause at offset 5");
    CHECK(error_of(R"(ab"c d")") == "query: a phrase must be separated from the word before it at offset 2");
    CHECK(error_of("a*b") == "query: '*' may only end a word (prefix*) at offset 1");
    CHECK(error_of("*") == "query: '*' needs a prefix before it at offset 0");
    CHECK(error_of("ab*~") == "query: '*' may only end a word (prefix*) at offset 2");
    CHECK(error_of("word~3") == "query: fuzziness after '~' must be 0, 1 or 2 at offset 5");
    CHECK(error_of("word~x") == "query: fuzziness after '~' must be 0, 1 or 2 at offset 5");
    CHECK(error_of("~a") == "query: '~' needs a word before it at offset 0");
}

TEST_CASE("minimum_should_match resolves as Lucene's", "[lexical][syntax]") {
    auto resolve = [](int v, bool percent, std::size_t total) { return MinimumShouldMatch{v, percent}.resolve(total); };
    CHECK(resolve(2, false, 5) == 2);
    CHECK(resolve(7, false, 5) == 5);    // clamped to the optional clauses
    CHECK(resolve(-2, false, 5) == 3);   // all but 2
    CHECK(resolve(-7, false, 5) == 0);
    CHECK(resolve(75, true, 5) == 3);    // floor(3.75)
    CHECK(resolve(-25, true, 5) == 4);   // 5 - floor(1.25)
    CHECK(resolve(100, true, 3) == 3);
}

TEST_CASE("fuzziness AUTO and the restricted Damerau-Levenshtein distance", "[lexical][fuzzy]") {
    const Fuzziness automatic;
    CHECK(automatic.resolve(1) == 0);
    CHECK(automatic.resolve(2) == 0);
    CHECK(automatic.resolve(3) == 1);
    CHECK(automatic.resolve(5) == 1);
    CHECK(automatic.resolve(6) == 2);
    auto d = [](const char* a, const char* b) { return damerau_levenshtein(code_points(a), code_points(b), 2); };
    CHECK(d("statin", "statin") == 0);
    CHECK(d("statin", "sattin") == 1);    // one transposition
    CHECK(d("ca", "abc") == 3);           // OSA: no edit of a transposed pair (true DL says 2); capped at 3
    CHECK(d("caf\xC3\xA9", "cafe") == 1); // é is one code point
    CHECK(d("abc", "") == 3);
    CHECK(code_points("a\xFF" "b") == std::u32string{U'a', 0xFFFD, U'b'});
}
