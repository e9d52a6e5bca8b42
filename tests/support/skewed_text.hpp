#pragma once
// Random text for differential tests: words "w0".."w<vocabulary-1>", frequent ones first (the
// product of two uniforms), so document frequencies span orders of magnitude.
#include <cstddef>
#include <random>
#include <string>

namespace braid::test_support {

inline std::string skewed_word(std::size_t n) {
    std::string word = "w";  // not "w" + to_string: GCC 12 warns -Wrestrict falsely on that
    word += std::to_string(n);
    return word;
}

inline std::string skewed_text(std::mt19937& rng, std::size_t min_words, std::size_t max_words, std::size_t vocabulary) {
    std::uniform_int_distribution<std::size_t> len(min_words, max_words);
    std::uniform_real_distribution<double> u(0, 1);
    std::string out;
    for (std::size_t i = len(rng); i > 0; --i) {
        if (!out.empty()) out += ' ';
        out += skewed_word(static_cast<std::size_t>(u(rng) * u(rng) * static_cast<double>(vocabulary)));
    }
    return out;
}

}  // namespace braid::test_support
