#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.hpp"
#include "analyzers/analyzer_registry.hpp"
#include "analyzers/token.hpp"

namespace braid::analyzers::test {

inline std::vector<std::string> texts(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& token : tokens) out.push_back(token.text);
    return out;
}

inline std::vector<std::uint32_t> positions(const std::vector<Token>& tokens) {
    std::vector<std::uint32_t> out;
    for (const auto& token : tokens) out.push_back(token.position);
    return out;
}

inline Token token(std::string text, std::uint32_t position, std::uint32_t start, std::uint32_t end) {
    return Token{std::move(text), position, start, end};
}

inline const AnalyzerRegistry& builtins() {
    static const AnalyzerRegistry registry = AnalyzerRegistry::with_builtins();
    return registry;
}

inline std::vector<Token> analyze(const std::string& analyzer, std::string_view text) {
    return builtins().get(analyzer)->analyze(text);
}

inline std::vector<Token> analyze(const AnalyzerSpec& spec, std::string_view text) {
    return Analyzer::build("test", spec)->analyze(text);
}

inline FilterSpec filter(std::string kind, std::string language = {}) {
    FilterSpec spec;
    spec.kind = std::move(kind);
    spec.language = std::move(language);
    return spec;
}

inline AnalyzerSpec chain(std::string tokenizer, std::vector<FilterSpec> filters = {}) {
    AnalyzerSpec spec;
    spec.tokenizer = std::move(tokenizer);
    spec.filters = std::move(filters);
    return spec;
}

// Well-formed UTF-8 (the encoder side: what every token text must be).
inline bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

}  // namespace braid::analyzers::test
