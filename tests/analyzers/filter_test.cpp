#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;
using Strings = std::vector<std::string>;

TEST_CASE("nfkc_casefold unifies compatibility forms and folds case fully") {
    const auto tokens = analyze(chain("whitespace", {filter("nfkc_casefold")}), "Ｆｕｌｌ ﬁne Straße ΣΊΣΥΦΟΣ HELLO");
    CHECK(texts(tokens) == Strings{"full", "fine", "strasse", "σίσυφοσ", "hello"});
    // Offsets still point into the original text.
    CHECK(tokens[0].start == 0);
    CHECK(tokens[0].end == 12);
}

TEST_CASE("nfkc_casefold drops tokens made only of default-ignorable characters") {
    const auto tokens = analyze(chain("whitespace", {filter("nfkc_casefold")}), "a \u00AD\u200B b");
    CHECK(texts(tokens) == Strings{"a", "b"});
    CHECK(positions(tokens) == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("lowercase maps case without folding") {
    const auto tokens = analyze(chain("whitespace", {filter("lowercase")}), "Straße ÉCOLE İstanbul ABC");
    CHECK(texts(tokens) == Strings{"straße", "école", "i̇stanbul", "abc"});
}

TEST_CASE("ascii_folding removes accents and spells out Latin letters") {
    const auto tokens = analyze(chain("whitespace", {filter("ascii_folding")}),
                                "Crème Brûlée Straße Æsir Łódź søster naïve plain");
    CHECK(texts(tokens) == Strings{"Creme", "Brulee", "Strasse", "AEsir", "Lodz", "soster", "naive", "plain"});
    CHECK(texts(analyze(chain("whitespace", {filter("ascii_folding")}), "Việt ﬁne don’t ĳs Œuvre")) ==
          Strings{"Viet", "fine", "don't", "ijs", "OEuvre"});
    // Other scripts keep their letters and marks.
    CHECK(texts(analyze(chain("whitespace", {filter("ascii_folding")}), "東京 йогурт がぎ हिन्दी")) ==
          Strings{"東京", "йогурт", "がぎ", "हिन्दी"});
}

TEST_CASE("length keeps tokens within min..max code points") {
    AnalyzerSpec spec = chain("whitespace");
    FilterSpec length = filter("length");
    length.min_length = 2;
    length.max_length = 4;
    spec.filters.push_back(length);
    const auto tokens = analyze(spec, "a ab héé abcd abcde 東京 東");
    CHECK(texts(tokens) == Strings{"ab", "héé", "abcd", "東京"});
    CHECK(positions(tokens) == std::vector<std::uint32_t>{1, 2, 3, 5});

    spec.filters[0].max_length = 0;  // no upper bound
    CHECK(analyze(spec, std::string(5000, 'x')).size() == 1);
}

TEST_CASE("stop with an explicit word list matches exact token text") {
    FilterSpec stop = filter("stop");
    stop.words = {"foo", "bar"};
    const auto tokens = analyze(chain("whitespace", {stop}), "foo baz Foo bar qux");
    CHECK(texts(tokens) == Strings{"baz", "Foo", "qux"});
    CHECK(positions(tokens) == std::vector<std::uint32_t>{1, 2, 4});
}

TEST_CASE("stem works for every Snowball language on its own") {
    CHECK(texts(analyze(chain("whitespace", {filter("stem", "english")}), "cats running")) == Strings{"cat", "run"});
    CHECK(texts(analyze(chain("whitespace", {filter("stem", "spanish")}), "corriendo")) == Strings{"corr"});
    CHECK(texts(analyze(chain("whitespace", {filter("stem", "dutch")}), "lichamelijke")) == Strings{"licham"});
}

namespace {

std::string error_of(const AnalyzerSpec& spec) {
    try {
        Analyzer::build("x", spec);
    } catch (const braid::Error& e) {
        CHECK(e.kind() == braid::ErrorKind::invalid_argument);
        return e.what();
    }
    FAIL("expected an error");
    return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("bad chains are invalid_argument errors that name the problem and list what exists") {
    const std::string tokenizer = error_of(chain("regex"));
    CHECK(contains(tokenizer, "\"regex\""));
    CHECK(contains(tokenizer, "icu, whitespace"));

    const std::string kind = error_of(chain("icu", {filter("soundex")}));
    CHECK(contains(kind, "\"soundex\""));
    CHECK(contains(kind, "ascii_folding"));
    CHECK(contains(kind, "arabic_normalization"));
    CHECK(contains(error_of(chain("icu", {filter("synonyms")})), "the synonyms filter has no rules"));

    const std::string stem = error_of(chain("icu", {filter("stem", "klingon")}));
    CHECK(contains(stem, "\"klingon\""));
    CHECK(contains(stem, "porter"));
    CHECK(contains(stem, "arabic"));

    const std::string stop = error_of(chain("icu", {filter("stop", "klingon")}));
    CHECK(contains(stop, "\"klingon\""));
    CHECK(contains(stop, "english"));
    CHECK(contains(stop, "german"));

    CHECK(contains(error_of(chain("icu", {filter("stop")})), "array of words"));
    CHECK(contains(error_of(chain("icu", {filter("stem")})), "needs a language"));

    AnalyzerSpec length = chain("icu", {filter("length")});
    length.filters[0].min_length = 5;
    length.filters[0].max_length = 2;
    CHECK(contains(error_of(length), "min (5) is greater than max (2)"));
}
