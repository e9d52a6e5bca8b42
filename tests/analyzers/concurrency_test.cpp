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
