#pragma once
// Hugging Face tokenizers' BertNormalizer and BertPreTokenizer (normalizers/bert.rs,
// pre_tokenizers/bert.rs), on code points, with Unicode data from bert_unicode_tables.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace braid::inference {

struct BertNormalizerOptions {
    bool clean_text = true;            // drop NUL, U+FFFD and control characters; whitespace -> ' '
    bool handle_chinese_chars = true;  // put spaces around CJK ideographs
    std::optional<bool> strip_accents; // NFD then drop nonspacing marks; unset: follows lowercase
    bool lowercase = true;
};

std::u32string bert_normalize(std::u32string_view text, const BertNormalizerOptions& options);

// Splits on whitespace (dropped) and isolates each punctuation character.
std::vector<std::u32string> bert_pre_tokenize(std::u32string_view text);

// The character classes, exposed for tests.
bool is_bert_whitespace(char32_t c);      // Rust char::is_whitespace (White_Space)
bool is_bert_control(char32_t c);         // categories C* except \t \n \r
bool is_bert_punctuation(char32_t c);     // ASCII punctuation or categories P*
bool is_chinese_char(char32_t c);
bool is_nonspacing_mark(char32_t c);
// Full canonical decomposition (NFD of one character), Hangul syllables included.
std::u32string canonical_decomposition(char32_t c);
std::u32string lowercase_of(char32_t c);

}  // namespace braid::inference
