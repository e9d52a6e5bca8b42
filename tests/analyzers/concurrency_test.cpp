#include <catch2/catch.hpp>

#include <thread>

#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;

TEST_CASE("many threads analyzing at once get what one thread gets") {
    const std::vector<std::string> corpus{
        "Running CATS are jumping over the lazy dogs!",
        "Die Häuser wurden im Jahre 1990 gebaut",
        "ภาษาไทยเป็นภาษาที่สวยงาม 東京都に住んでいます",
        "Crème Brûlée, Straße & Łódź 🍕",
        "generalizations of the relational model",
        "الكتاب الكبير في المكتبة",
    };
    AnalyzerRegistry registry = AnalyzerRegistry::with_builtins();
    registry.add("folded", chain("icu", {filter("nfkc_casefold"), filter("ascii_folding"), filter("stem", "english")}));
    const std::vector<std::string> names{"english", "porter", "german", "arabic", "standard", "folded", "whitespace"};

    std::vector<std::vector<Token>> expected;
    for (const auto& name : names) {
        for (const auto& text : corpus) expected.push_back(registry.get(name)->analyze(text));
    }

    constexpr int kThreads = 8;
    std::vector<int> mismatches(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 60; ++round) {
                std::size_t i = 0;
                for (std::size_t n = 0; n < names.size(); ++n) {
                    const auto analyzer = registry.get(names[(n + static_cast<std::size_t>(t)) % names.size()]);
                    const std::size_t base = ((n + static_cast<std::size_t>(t)) % names.size()) * corpus.size();
                    for (std::size_t c = 0; c < corpus.size(); ++c, ++i) {
                        if (analyzer->analyze(corpus[c]) != expected[base + c]) ++mismatches[static_cast<std::size_t>(t)];
                    }
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int t = 0; t < kThreads; ++t) CHECK(mismatches[static_cast<std::size_t>(t)] == 0);
    CHECK(expected[0].size() == 6);
}

TEST_CASE("stems stay right when the per-thread stem memo overflows and is refilled") {
    const auto english = builtins().get("english");
    std::string text;
    for (int i = 0; i < 40000; ++i) {
        // 40,000 distinct words, more than the memo holds.
        std::string word = "walk";
        for (int n = i; n > 0; n /= 26) word.push_back(static_cast<char>('a' + n % 26));
        text.append(word).append(i % 2 ? "ing " : "s ");
    }
    text += "running cats jumping generalizations";
    std::vector<Token> first;
    std::vector<Token> fresh;
    std::thread([&] { first = english->analyze(text); }).join();
    const auto second = english->analyze(text);  // this thread's memo, filled by other tests
    std::thread([&] { english->analyze(text); fresh = english->analyze(text); }).join();
    REQUIRE(first.size() == 40004);
    CHECK(first == second);
    CHECK(first == fresh);
    CHECK(first[0].text == "walk");
    CHECK(first[1].text == "walkb");
    const std::vector<std::string> tail{"run", "cat", "jump", "general"};
    CHECK(texts(std::vector<Token>(first.end() - 4, first.end())) == tail);
}
