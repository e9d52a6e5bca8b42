#include <catch2/catch.hpp>

#include <algorithm>

#include "analyzers/stem_filter.hpp"
#include "analyzers/stopword_lists.hpp"
#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;
using Strings = std::vector<std::string>;

TEST_CASE("every Snowball language libstemmer ships has a stopword list, and so has arabic") {
    for (const auto& language : stemmer_languages()) {
        if (language == "porter") continue;  // the English algorithm of 1980: the english list
        INFO(language);
        CHECK(has_builtin_stopwords(language));
        const auto words = builtin_stopwords(language);
        CHECK(words.size() >= 30);
        auto sorted = words;
        std::sort(sorted.begin(), sorted.end());
        CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    }
    CHECK(has_builtin_stopwords("arabic"));
}

TEST_CASE("the lists added from Lucene and by hand are in NFKC casefolded form") {
    // The stop filter follows nfkc_casefold in the built-in chains.
    for (std::size_t i = 0; i < detail::kMoreStopwordListSourceCount; ++i) {
        const std::string language = detail::kMoreStopwordListSources[i].language;
        for (const auto& word : builtin_stopwords(language)) {
            INFO(language << " " << word);
            CHECK(texts(analyze(chain("whitespace", {filter("nfkc_casefold")}), word)) == Strings{word});
        }
    }
}

TEST_CASE("the new lists hold their language's commonest function words") {
    const std::vector<std::pair<std::string, std::string>> samples{
        {"arabic", "في"},     {"armenian", "այս"}, {"basque", "eta"},     {"catalan", "dels"},
        {"greek", "και"},     {"hindi", "और"},     {"indonesian", "yang"}, {"irish", "agus"},
        {"lithuanian", "ir"}, {"romanian", "și"},  {"serbian", "između"}, {"serbian", "између"},
        {"tamil", "மற்றும்"}, {"yiddish", "און"},
    };
    for (const auto& [language, word] : samples) {
        INFO(language << " " << word);
        const auto words = builtin_stopwords(language);
        CHECK(std::find(words.begin(), words.end(), word) != words.end());
    }
}

TEST_CASE("built-in language analyzers drop their list's stopwords, selectable by name") {
    CHECK(texts(analyze("catalan", "la casa dels avis")) == texts(analyze("catalan", "casa avis")));
    const auto tokens = analyze(chain("icu", {filter("nfkc_casefold"), filter("stop", "indonesian")}), "buku yang baru");
    CHECK(texts(tokens) == Strings{"buku", "baru"});
    CHECK(positions(tokens) == std::vector<std::uint32_t>{0, 2});
}
