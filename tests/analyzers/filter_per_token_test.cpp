// TokenFilter's contract, which the highlighter's word memo relies on: filters map each token on
// its own, so filtering the tokenizer's tokens one at a time gives what analyze() gives.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzers/analyzer_registry.hpp"

using namespace braid::analyzers;

TEST_CASE("every built-in analyzer's filters map each token on its own", "[analyzers][filters]") {
    const std::string text =
        "The Runners' CAFÉS weren't running; naïve Straße-strasse 3.14 U.S.A. e-mail 日本語 テスト "
        "المكتبات والكتاب پژوهش Ελληνικά Кошки бегали ❤️ #tag x";
    const auto registry = AnalyzerRegistry::with_builtins();
    std::size_t dropped = 0, rewritten = 0;
    for (const auto& name : registry.names()) {
        const auto analyzer = registry.get(name);
        INFO("analyzer " << name);
        std::vector<Token> one_by_one;
        for (const Token& token : analyzer->tokenize(text)) {
            std::vector<Token> alone{token};
            analyzer->filter(alone);
            dropped += alone.empty();
            for (const Token& t : alone) rewritten += t.text != token.text;
            one_by_one.insert(one_by_one.end(), alone.begin(), alone.end());
        }
        CHECK(one_by_one == analyzer->analyze(text));
    }
    CHECK(dropped > 0);  // stopwords went, and stems and folds changed words
    CHECK(rewritten > 0);
}
