#pragma once
// Unicode data for the BERT normalizer and pre-tokenizer, generated into bert_unicode_*.cpp
// by gen_bert_unicode_tables.py (inference/ may not use ICU). Ranges and mappings are sorted.
#include <cstddef>
#include <cstdint>

namespace braid::inference::unicode_tables {

struct CodeRange {
    char32_t first;
    char32_t last;
};

struct CodeMapping {
    char32_t code;
    std::uint32_t offset;  // into the table's pool
    std::uint32_t length;
};

extern const CodeRange other[];            // general categories Cc, Cf, Cn, Co, Cs
extern const std::size_t other_size;
extern const CodeRange nonspacing_mark[];  // Mn
extern const std::size_t nonspacing_mark_size;
extern const CodeRange punctuation[];      // Pc, Pd, Ps, Pe, Pi, Pf, Po
extern const std::size_t punctuation_size;
extern const char32_t decomposition_pool[];  // full canonical decomposition (NFD), Hangul excluded
extern const CodeMapping decomposition[];
extern const std::size_t decomposition_size;
extern const char32_t lowercase_pool[];      // full lowercase mapping of a lone character
extern const CodeMapping lowercase[];
extern const std::size_t lowercase_size;
extern const char* const unicode_version;

}  // namespace braid::inference::unicode_tables
