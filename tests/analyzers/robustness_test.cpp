#include <catch2/catch.hpp>

#include <random>

#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;
using Strings = std::vector<std::string>;

namespace {

void check_sane(const std::vector<Token>& tokens, std::string_view text) {
    std::uint32_t last_end = 0;
    std::uint32_t last_position = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        CHECK(t.start < t.end);
        CHECK(t.end <= text.size());
        CHECK(t.start >= last_end);
        if (i > 0) CHECK(t.position > last_position);
        CHECK(!t.text.empty());
        CHECK(is_valid_utf8(t.text));
        last_end = t.end;
        last_position = t.position;
    }
}

}  // namespace

TEST_CASE("empty, blank and punctuation-only texts give no tokens") {
    for (const auto& name : {"standard", "whitespace", "english", "thai", "arabic"}) {
        INFO(name);
        if (!builtins().contains(name)) continue;
        CHECK(analyze(name, "").empty());
        CHECK(analyze(name, " \t\n\u3000 ").empty());
    }
    CHECK(analyze("standard", "... !!! --- ???").empty());
}

TEST_CASE("a 1 MB token survives every stage with exact offsets") {
    const std::string huge(1u << 20, 'a');
    for (const auto& name : {"standard", "whitespace", "english"}) {
        INFO(name);
        const auto tokens = analyze(name, "x " + huge + " y");
        REQUIRE(tokens.size() == 3);
        CHECK(tokens[1].start == 2);
        CHECK(tokens[1].end == 2 + (1u << 20));
        CHECK(tokens[1].text.size() >= (1u << 20) - 4);
        CHECK(tokens[2].position == 2);
    }
}

TEST_CASE("invalid UTF-8 is replaced, never a crash, and offsets stay in the original bytes") {
    const std::string text = "caf\xC3 ok \xFF\xFEword \xE2\x82 end\xF0\x9F";
    const auto icu = analyze("standard", text);
    check_sane(icu, text);
    CHECK(texts(icu) == Strings{"caf", "ok", "word", "end"});
    CHECK(icu[2].start == 10);
    CHECK(icu[2].end == 14);
    CHECK(icu[3].start == 18);

    const auto ws = analyze("whitespace", text);
    check_sane(ws, text);
    REQUIRE(ws.size() == 5);
    CHECK(ws[0].text == "caf\uFFFD");
    CHECK(ws[0].end == 4);
    CHECK(ws[2].text == "\uFFFD\uFFFDword");
    CHECK(ws[3].text == "\uFFFD");
    CHECK(ws[4].end == text.size());
}

TEST_CASE("random bytes through every built-in analyzer keep sane tokens") {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 300);
    const auto names = builtins().names();
    for (int round = 0; round < 200; ++round) {
        std::string text(static_cast<std::size_t>(length(random)), '\0');
        for (char& c : text) c = static_cast<char>(byte(random));
        const auto& name = names[static_cast<std::size_t>(round) % names.size()];
        INFO(name << " round " << round);
        check_sane(analyze(name, text), text);
    }
}

TEST_CASE("icu tokens of valid UTF-8 are exactly the bytes they point at") {
    const std::string text = "Zürich, 東京 & São-Paulo: 3.14 e-mail 🍕 ภาษาไทย";
    const auto tokens = analyze(chain("icu"), text);
    REQUIRE(tokens.size() >= 8);
    for (const auto& t : tokens) CHECK(text.substr(t.start, t.end - t.start) == t.text);
    CHECK(texts(tokens)[0] == "Zürich");
    CHECK(texts(tokens)[2] == "São");
    CHECK(texts(tokens)[3] == "Paulo");
    CHECK(texts(tokens)[4] == "3.14");
}

TEST_CASE("whitespace tokenizer splits on Unicode spaces only") {
    const std::string text = "a,b\u00A0c\u3000d\te!";
    const auto tokens = analyze("whitespace", text);
    CHECK(texts(tokens) == Strings{"a,b", "c", "d", "e!"});
    CHECK(tokens[1].start == 5);
    CHECK(tokens[2].start == 9);
    CHECK(tokens[3].end == text.size());
}
