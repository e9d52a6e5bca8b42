#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;
using Strings = std::vector<std::string>;

namespace {

FilterSpec synonyms(std::vector<SynonymRule> rules) {
    FilterSpec spec = filter("synonyms");
    spec.synonyms = std::move(rules);
    return spec;
}

SynonymRule equivalence(Strings entries, std::string origin = "sets[0]") {
    return SynonymRule{entries, entries, origin, origin};
}

std::vector<Strings> alternatives(const SynonymSegment& segment) {
    std::vector<Strings> out;
    for (const auto& a : segment.alternatives) out.push_back(a.terms);
    return out;
}

}  // namespace

TEST_CASE("synonym entries are analyzed by the whole chain, and documents are indexed unchanged") {
    const auto english = Analyzer::build(
        "med", chain("icu", {filter("nfkc_casefold"), synonyms({equivalence({"heart attack", "myocardial infarction", "MI"})}),
                             filter("stop", "english"), filter("stem", "english")}));
    REQUIRE(english->synonyms() != nullptr);
    // analyze() (indexing) never expands.
    CHECK(texts(english->analyze("Heart Attacks")) == Strings{"heart", "attack"});
    const auto tokens = english->analyze("the Heart Attacks risk");
    const auto segments = english->synonyms()->expand(tokens);
    REQUIRE(segments.size() == 2);
    CHECK(segments[0].begin == 0);
    CHECK(segments[0].end == 2);
    CHECK(alternatives(segments[0]) == std::vector<Strings>{{"heart", "attack"}, {"myocardi", "infarct"}, {"mi"}});
    CHECK(segments[1].alternatives.empty());
    CHECK(segments[1].begin == 2);
}

TEST_CASE("synonyms: longest input first, explicit rules replace, same inputs pool outputs") {
    const auto analyzer = Analyzer::build(
        "s", chain("whitespace", {synonyms({
                                     equivalence({"new york", "nyc"}),
                                     equivalence({"new york city", "big apple"}, "sets[1]"),
                                     SynonymRule{{"feline", "kitty"}, {"cat"}, "s.txt line 1", "path"},
                                     SynonymRule{{"feline"}, {"lynx"}, "s.txt line 2", "path"},
                                 })}));
    const auto& map = *analyzer->synonyms();
    auto segments = map.expand(analyzer->analyze("new york city feline kitty new york"));
    REQUIRE(segments.size() == 4);
    CHECK(alternatives(segments[0]) == std::vector<Strings>{{"new", "york", "city"}, {"big", "apple"}});
    CHECK(alternatives(segments[1]) == std::vector<Strings>{{"cat"}, {"lynx"}});
    CHECK(alternatives(segments[2]) == std::vector<Strings>{{"cat"}});
    CHECK(alternatives(segments[3]) == std::vector<Strings>{{"new", "york"}, {"nyc"}});
    // "york new" matches nothing.
    segments = map.expand(analyzer->analyze("york new"));
    REQUIRE(segments.size() == 2);
    CHECK(segments[0].alternatives.empty());
}

TEST_CASE("a multi-word input matches only with the positions its analysis gives") {
    const auto analyzer = Analyzer::build(
        "s", chain("icu", {filter("nfkc_casefold"), filter("stop", "english"),
                           synonyms({equivalence({"heart of gold", "hog"})})}));
    const auto& map = *analyzer->synonyms();
    CHECK(map.expand(analyzer->analyze("Heart of the Gold")).size() == 2);  // a gap of two: no match
    const auto segments = map.expand(analyzer->analyze("heart of gold"));
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].alternatives[0].positions == std::vector<std::uint32_t>{0, 2});
}

TEST_CASE("an entry the chain leaves empty is an error naming its rule and member") {
    try {
        Analyzer::build("s", chain("icu", {filter("nfkc_casefold"), filter("stop", "english"),
                                           synonyms({equivalence({"heart", "the"}, "sets[3]")})}));
        FAIL("expected an error");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "invalid_analyzer");
        CHECK(e.path() == "filters[2].synonyms.sets[3]");
        CHECK(std::string(e.what()).find("sets[3]: the entry \"the\" analyzes to no terms") == 0);
    }
    CHECK_THROWS_AS(Analyzer::build("s", chain("icu", {synonyms({})})), braid::Error);
}
