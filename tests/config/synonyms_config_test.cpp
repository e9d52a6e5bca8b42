#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "config/synonym_file.hpp"
#include "config_helpers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::config;
using namespace braid::config::test;
using Strings = std::vector<std::string>;

namespace {

ConfigFailure file_failure(const std::filesystem::path& base, const std::string& json) {
    try {
        parse_config(json, base);
    } catch (const braid::Error& e) {
        CHECK(e.type() == "config_error");
        return {e.what(), e.path()};
    }
    FAIL("expected a config error for " << json);
    return {};
}

std::string with_synonyms(const std::string& synonyms) {
    return R"({"analyzers": {"med": {"filters": ["nfkc_casefold", {"synonyms": )" + synonyms + "}]}}}";
}

}  // namespace

TEST_CASE("Solr synonym lines: equivalences, explicit rules, comments and escapes") {
    const auto rules = detail::parse_synonym_lines(
        "# a comment\n"
        "\n"
        "heart attack, myocardial infarction ,mi\n"
        "  # an indented comment\r\n"
        "feline, kitty => cat\n"
        "a\\,b, c\\=>d, e\\\\f\n"
        "x => y, z",
        "syn.txt");
    REQUIRE(rules.size() == 4);
    CHECK(rules[0].inputs == Strings{"heart attack", "myocardial infarction", "mi"});
    CHECK(rules[0].outputs == rules[0].inputs);
    CHECK(rules[0].origin == "syn.txt line 3");
    CHECK(rules[1].inputs == Strings{"feline", "kitty"});
    CHECK(rules[1].outputs == Strings{"cat"});
    CHECK(rules[1].origin == "syn.txt line 5");
    CHECK(rules[2].inputs == Strings{"a,b", "c=>d", "e\\f"});
    CHECK(rules[3].outputs == Strings{"y", "z"});
}

TEST_CASE("bad synonym lines name their line") {
    const auto message = [](const std::string& text) {
        try {
            detail::parse_synonym_lines(text, "s.txt");
        } catch (const braid::Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(message("a, b\n, c") == "s.txt line 2: an empty entry in the list in \", c\"");
    CHECK(message("a, b\nalone") == "s.txt line 2: an equivalence needs at least two entries separated by ',' in \"alone\"");
    CHECK(message("a => b => c") == "s.txt line 1: more than one \"=>\" in \"a => b => c\"");
    CHECK(message("=> c") == "s.txt line 1: an empty entry before \"=>\" in \"=> c\"");
    CHECK(message("a =>") == "s.txt line 1: an empty entry after \"=>\" in \"a =>\"");
    CHECK(message("a, b\\") == "s.txt line 1: a '\\' at the end of the line escapes nothing in \"a, b\\\"");
}

TEST_CASE("a synonyms filter reads its sets and its file, relative to the config's folder") {
    braid::test_support::TempDir dir("braid-synonyms");
    dir.write("lists/syn.txt", "feline => cat\nbp, blood pressure\n");
    const auto config = parse_config(with_synonyms(R"({"sets": [["heart attack", "mi"]], "path": "lists/syn.txt"})"), dir.path());
    REQUIRE(config.analyzers.size() == 1);
    const auto& filter = config.analyzers[0].filters[1];
    CHECK(filter.kind == "synonyms");
    CHECK(filter.synonym_path == (dir.path() / "lists/syn.txt").string());
    REQUIRE(filter.synonym_rules.size() == 3);
    CHECK(filter.synonym_rules[0].origin == "sets[0]");
    CHECK(filter.synonym_rules[0].outputs == Strings{"heart attack", "mi"});
    CHECK(filter.synonym_rules[1].inputs == Strings{"feline"});
    CHECK(filter.synonym_rules[2].origin == filter.synonym_path + " line 2");
    // The echo reads back unchanged.
    CHECK(parse_analyzer(to_json(config.analyzers[0]), "analyzers.med", "med", dir.path()) == config.analyzers[0]);
}

TEST_CASE("synonyms config errors name the member, and the file's line") {
    braid::test_support::TempDir dir("braid-synonyms");
    dir.write("bad.txt", "a, b\n\nc =>\n");
    auto f = file_failure(dir.path(), with_synonyms(R"({"path": "bad.txt"})"));
    CHECK(f.path == "analyzers.med.filters[1].synonyms.path");
    CHECK(f.message == "analyzers.med.filters[1].synonyms.path: " + (dir.path() / "bad.txt").string() +
                           " line 3: an empty entry after \"=>\" in \"c =>\"");

    f = file_failure(dir.path(), with_synonyms(R"({"path": "missing.txt"})"));
    CHECK(f.path == "analyzers.med.filters[1].synonyms.path");
    CHECK(f.message.find("cannot read the synonyms file") != std::string::npos);

    f = file_failure(dir.path(), with_synonyms(R"({"sets": [["alone"]]})"));
    CHECK(f.path == "analyzers.med.filters[1].synonyms.sets[0]");
    f = file_failure(dir.path(), with_synonyms(R"({"sets": [["a", ""]]})"));
    CHECK(f.path == "analyzers.med.filters[1].synonyms.sets[0][1]");
    f = file_failure(dir.path(), with_synonyms(R"({"set": [["a", "b"]]})"));
    CHECK(f.message.find("did you mean \"sets\"") != std::string::npos);
    f = file_failure(dir.path(), with_synonyms(R"({})"));
    CHECK(f.path == "analyzers.med.filters[1].synonyms");
    dir.write("empty.txt", "# only a comment\n");
    f = file_failure(dir.path(), with_synonyms(R"({"path": "empty.txt"})"));
    CHECK(f.path == "analyzers.med.filters[1].synonyms");
    f = file_failure(dir.path(), R"({"analyzers": {"med": {"filters": ["synonyms"]}}})");
    CHECK(f.message.find("needs an argument") != std::string::npos);
}

TEST_CASE("the normalization filters are named in config like the others") {
    const auto config = parse_config(R"({"analyzers": {"ar": {"filters": ["arabic_normalization", "persian_normalization"]}}})");
    CHECK(config.analyzers[0].filters[0].kind == "arabic_normalization");
    CHECK(config.analyzers[0].filters[1].kind == "persian_normalization");
    const auto f = failure_of(R"({"analyzers": {"ar": {"filters": ["arabic_normalisation"]}}})");
    CHECK(f.message.find("did you mean \"arabic_normalization\"") != std::string::npos);
}
