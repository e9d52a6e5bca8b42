#include <catch2/catch.hpp>

#include "analyzers/stem_filter.hpp"
#include "analyzers/stopword_lists.hpp"
#include "core/error.hpp"
#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;
using Strings = std::vector<std::string>;

TEST_CASE("english analyzer stems, folds case and drops stopwords with exact positions and offsets") {
    const auto tokens = analyze("english", "Running CATS are jumping!");
    const std::vector<Token> expected{token("run", 0, 0, 7), token("cat", 1, 8, 12), token("jump", 3, 17, 24)};
    CHECK(tokens == expected);
}

TEST_CASE("english stopwords are Lucene's list exactly and leave position gaps") {
    const Strings lucene{"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if",
                         "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that",
                         "the", "their", "then", "there", "these", "they", "this", "to", "was",
                         "will", "with"};
    CHECK(builtin_stopwords("english") == lucene);

    const auto tokens = analyze("english", "The history of the Wars, and THEIR causes");
    CHECK(texts(tokens) == Strings{"histori", "war", "caus"});
    CHECK(positions(tokens) == std::vector<std::uint32_t>{1, 4, 7});
    CHECK(tokens[1].start == 19);
    CHECK(tokens[1].end == 23);
}

TEST_CASE("porter and english are different Snowball algorithms") {
    CHECK(texts(analyze("porter", "generalizations")) == Strings{"gener"});
    CHECK(texts(analyze("english", "generalizations")) == Strings{"general"});
    // Porter keeps the English stopword list.
    CHECK(texts(analyze("porter", "the running")) == Strings{"run"});
}

TEST_CASE("german analyzer: stopwords, umlauts and stemming") {
    const auto tokens = analyze("german", "Die Häuser wurden gebaut");
    const std::vector<Token> expected{token("haus", 1, 4, 11), token("wurd", 2, 12, 18), token("gebaut", 3, 19, 25)};
    CHECK(tokens == expected);
}

TEST_CASE("french and russian analyzers use the Snowball stopword lists") {
    CHECK(texts(analyze("french", "le chat et des chiens")) == Strings{"chat", "chien"});
    const auto russian = analyze("russian", "и книги");
    REQUIRE(russian.size() == 1);
    CHECK(russian[0].text == "книг");
    CHECK(russian[0].position == 1);
    CHECK(russian[0].start == 3);
    CHECK(russian[0].end == 13);
}

TEST_CASE("arabic analyzer strips the article and keeps byte offsets of the original") {
    const auto tokens = analyze("arabic", "الكتاب الكبير");
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0] == token("كتاب", 0, 0, 12));
    CHECK(tokens[1].start == 13);
    CHECK(tokens[1].end == 25);
    CHECK(tokens[1].text == "كبير");
}

TEST_CASE("standard analyzer segments Japanese with ICU's dictionary") {
    const auto tokens = analyze("standard", "東京都に住んでいます");
    REQUIRE(tokens.size() >= 4);
    CHECK(tokens.front() == token("東京", 0, 0, 6));
    std::string joined;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        CHECK(tokens[i].position == i);
        if (i > 0) CHECK(tokens[i].start == tokens[i - 1].end);  // no gaps: no spaces in the text
        joined += tokens[i].text;
    }
    CHECK(joined == "東京都に住んでいます");
    CHECK(tokens.back().end == 30);
}

TEST_CASE("standard analyzer segments Chinese into words") {
    const auto tokens = analyze("standard", "我喜欢学习中文");
    CHECK(texts(tokens) == Strings{"我", "喜欢", "学习", "中文"});
    CHECK(tokens[3].start == 15);
    CHECK(tokens[3].end == 21);
}

TEST_CASE("standard analyzer finds several Thai words in unspaced text") {
    const auto tokens = analyze("standard", "ภาษาไทยเป็นภาษาที่สวยงาม");
    REQUIRE(tokens.size() >= 5);
    CHECK(tokens[0] == token("ภาษา", 0, 0, 12));
    CHECK(tokens[1] == token("ไทย", 1, 12, 21));
    CHECK(tokens.back().text == "สวยงาม");
    CHECK(tokens.back().end == 72);
}

TEST_CASE("emoji are tokens, punctuation and symbols are not, mixed scripts split by script") {
    const auto tokens = analyze("standard", "I ❤️ pizza 🍕, © # ok!");
    CHECK(texts(tokens) == Strings{"i", "❤", "pizza", "🍕", "ok"});
    CHECK(tokens[1].start == 2);
    CHECK(tokens[1].end == 8);  // the variation selector belongs to the token's span
    CHECK(tokens[3].start == 15);
    CHECK(tokens[3].end == 19);

    // Keycap sequences are emoji; a bare '#' is punctuation.
    const auto keycaps = analyze(chain("icu"), "#\uFE0F\u20E3 # 1\uFE0F\u20E3");
    CHECK(texts(keycaps) == Strings{"#\uFE0F\u20E3", "1\uFE0F\u20E3"});

    const auto mixed = analyze("standard", "Hello世界Привет 👍🏽");
    CHECK(texts(mixed) == Strings{"hello", "世界", "привет", "👍🏽"});
    CHECK(mixed[1].start == 5);
    CHECK(mixed[2].start == 11);
    CHECK(mixed[2].end == 23);
}

TEST_CASE("registry holds standard, whitespace and one analyzer per Snowball algorithm") {
    const auto names = builtins().names();
    CHECK(builtins().contains("standard"));
    CHECK(builtins().contains("whitespace"));
    const auto languages = stemmer_languages();
    CHECK(languages.size() >= 20);
    for (const auto& language : languages) {
        INFO(language);
        CHECK(builtins().contains(language));
        CHECK(builtins().get(language)->name() == language);
    }
    for (const char* language : {"english", "porter", "german", "arabic", "french", "russian"}) {
        CHECK(builtins().contains(language));
    }
    CHECK(names.size() == languages.size() + 2);
}

TEST_CASE("every built-in analyzer handles a multilingual text") {
    const std::string text = "Les élèves MÜSSEN 東京 ภาษาไทย 🍕 running 42 العربية";
    for (const auto& name : builtins().names()) {
        INFO(name);
        const auto tokens = analyze(name, text);
        CHECK(!tokens.empty());
        for (const auto& t : tokens) {
            CHECK(t.start < t.end);
            CHECK(t.end <= text.size());
            CHECK(is_valid_utf8(t.text));
        }
    }
}

TEST_CASE("unknown analyzer is invalid_argument and lists what exists") {
    try {
        builtins().get("klingon");
        FAIL("expected an error");
    } catch (const braid::Error& e) {
        CHECK(e.kind() == braid::ErrorKind::invalid_argument);  // one kind per type (core/error_types)
        CHECK(e.type() == "unknown_analyzer");
        const std::string message = e.what();
        CHECK(message.find("klingon") != std::string::npos);
        CHECK(message.find("standard") != std::string::npos);
        CHECK(message.find("english") != std::string::npos);
    }
}

TEST_CASE("user analyzers are added by name and replace earlier ones") {
    AnalyzerRegistry registry = AnalyzerRegistry::with_builtins();
    registry.add("en", chain("icu", {filter("nfkc_casefold"), filter("stop", "english"), filter("stem", "english")}));
    CHECK(texts(registry.get("en")->analyze("Running CATS are jumping!")) == Strings{"run", "cat", "jump"});
    registry.add("en", chain("whitespace"));
    CHECK(texts(registry.get("en")->analyze("Running CATS")) == Strings{"Running", "CATS"});
    CHECK_THROWS_AS(registry.add("bad", chain("icu", {filter("stem", "klingon")})), braid::Error);
    CHECK_FALSE(registry.contains("bad"));
}
