// The corpus of tests/lexical/fixtures/lexical_v2.bin, a snapshot of version 2 (variable-byte
// sealed blocks) written by the code of commit f60e8a3 from legacy_index() below:
//   int main(int, char** argv) { std::ofstream out(argv[1], std::ios::binary); legacy_index().save(out); }
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analyzers/token.hpp"
#include "lexical/lexical_index.hpp"

namespace braid::lexical::test {

inline constexpr std::uint32_t kLegacyDocs = 600;

// Ordinals: small gaps, and one wide one (3000) in the middle of some blocks.
inline DocOrdinal legacy_ordinal(std::uint32_t d) {
    return d < 500 ? d * 3 + (d % 11 == 0 ? 1 : 0) : 4500 + (d - 500) * 2;
}

// "w" and n (appended: GCC 12 warns, wrongly, about "w" + std::to_string(n)).
inline std::string legacy_term(std::uint32_t n) {
    std::string term = "w";
    term += std::to_string(n);
    return term;
}

inline std::vector<analyzers::Token> legacy_tokens(std::uint32_t d, std::uint32_t field) {
    std::vector<analyzers::Token> out;
    const std::uint32_t n = field == 0 ? 2 + d % 5 : 10 + (d * 7) % 20;
    std::uint32_t x = d * 2654435761U + field * 97U;
    for (std::uint32_t i = 0; i < n; ++i) {
        x = x * 1103515245U + 12345U;
        const std::uint32_t r = (x >> 16) % 100;
        out.push_back({legacy_term(r < 60 ? r % 8 : r), i, 0, 0});
    }
    return out;
}

// Two fields with positions; every tenth document removed again.
inline LexicalIndex legacy_index() {
    LexicalIndex index({"title", "body"}, Bm25Params{0.9f, 0.4f}, true);
    for (std::uint32_t d = 0; d < kLegacyDocs; ++d)
        index.add(legacy_ordinal(d), {{"title", legacy_tokens(d, 0)}, {"body", legacy_tokens(d, 1)}});
    for (std::uint32_t d = 0; d < kLegacyDocs; d += 10) index.remove(legacy_ordinal(d));
    return index;
}

}  // namespace braid::lexical::test
