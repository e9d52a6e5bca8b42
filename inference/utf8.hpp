#pragma once
// UTF-8 <-> code points. Invalid bytes decode to U+FFFD (which BERT's clean_text then drops).
#include <string>
#include <string_view>

namespace braid::inference {

std::u32string decode_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t code);
std::string encode_utf8(std::u32string_view text);

}  // namespace braid::inference
