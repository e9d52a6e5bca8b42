#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "inference/bert_text.hpp"
#include "inference/utf8.hpp"

using namespace braid::inference;

namespace {

std::string normalized(const std::string& text, BertNormalizerOptions options = {}) {
    return encode_utf8(bert_normalize(decode_utf8(text), options));
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& w : bert_pre_tokenize(decode_utf8(text))) out.push_back(encode_utf8(w));
    return out;
}

}  // namespace

TEST_CASE("BertNormalizer lowercases and strips accents like bert-base-uncased", "[inference]") {
    CHECK(normalized("Héllo, Wörld! Ça VA?") == "hello, world! ca va?");
    CHECK(normalized("ÅNGSTRÖM naïve façade") == "angstrom naive facade");
    // Accents kept when strip_accents is false, lowercase still applied.
    BertNormalizerOptions keep;
    keep.strip_accents = false;
    CHECK(normalized("Héllo", keep) == "héllo");
    // No lowercase: strip_accents follows lowercase unless set.
    BertNormalizerOptions cased;
    cased.lowercase = false;
    CHECK(normalized("Héllo", cased) == "Héllo");
    cased.strip_accents = true;
    CHECK(normalized("Héllo", cased) == "Hello");
    // Beyond Latin-1: Greek tonos, Vietnamese stacked marks, Cyrillic.
    CHECK(normalized("Ἀθῆναι") == "αθηναι");
    CHECK(normalized("Tiếng Việt") == "tieng viet");
    CHECK(normalized("ПРИВЕТ Йод") == "привет иод");  // Й = И + breve, a nonspacing mark
    // Dotted capital I decomposes before lowercasing: the dot is stripped.
    CHECK(normalized("İstanbul") == "istanbul");
    // Hangul syllables come out decomposed into jamo (NFD), as in tokenizers.
    CHECK(normalized("한국어") == "\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165");
}

TEST_CASE("BertNormalizer clean_text drops controls and maps every whitespace to a space", "[inference]") {
    CHECK(normalized(std::string("a\tb\nc\rd\x01" "e") + '\0' + "f") == "a b c de" "f");
    CHECK(normalized("a\u00A0b\u2003c\u3000d") == "a b c d");
    CHECK(normalized("soft\u00ADhyphen zero\u200Bwidth") == "softhyphen zerowidth");  // Cf removed
    CHECK(normalized("bad \xFF byte") == "bad  byte");  // invalid UTF-8 -> U+FFFD -> dropped
    BertNormalizerOptions raw;
    raw.clean_text = false;
    raw.lowercase = false;
    CHECK(normalized("a\tb", raw) == "a\tb");
}

TEST_CASE("BertNormalizer puts spaces around CJK ideographs only", "[inference]") {
    CHECK(normalized("你好world") == " 你  好 world");
    // Kana is not in the CJK block; the voiced sound mark of が is a nonspacing mark after NFD.
    CHECK(normalized("ひらがな") == "ひらかな");
}

TEST_CASE("BertPreTokenizer splits on whitespace and isolates punctuation", "[inference]") {
    // The example of tokenizers' own test (pre_tokenizers/bert.rs).
    CHECK(words("Hey friend!     How are you?!?") ==
          std::vector<std::string>{"Hey", "friend", "!", "How", "are", "you", "?", "!", "?"});
    // ASCII symbols count as punctuation ($ + < = > ^ ` | ~), other symbols do not.
    CHECK(words("a+b=c $5 x|y ©2020") == std::vector<std::string>{"a", "+", "b", "=", "c", "$", "5", "x", "|", "y", "©2020"});
    // Unicode punctuation: dashes, quotes, CJK full stop.
    CHECK(words("il-6—tnf “quoted” 你。") ==
          std::vector<std::string>{"il", "-", "6", "—", "tnf", "“", "quoted", "”", "你", "。"});
    CHECK(words("  \t ").empty());
}

TEST_CASE("character classes match the Unicode categories bert.rs uses", "[inference]") {
    CHECK(is_bert_whitespace(U' '));
    CHECK(is_bert_whitespace(0x2009));
    CHECK_FALSE(is_bert_whitespace(0x200B));  // zero width space is Cf, not White_Space
    CHECK(is_bert_control(0x0001));
    CHECK_FALSE(is_bert_control(U'\t'));
    CHECK(is_bert_control(0xE000));   // private use
    CHECK(is_bert_control(0x0378));   // unassigned
    CHECK(is_nonspacing_mark(0x0301));
    CHECK_FALSE(is_nonspacing_mark(U'e'));
    CHECK(is_bert_punctuation(U'_'));
    CHECK(is_bert_punctuation(0x00BF));  // ¿
    CHECK_FALSE(is_bert_punctuation(0x00A9));  // © is a symbol
    CHECK(canonical_decomposition(0x00E9) == U"e\u0301");
    CHECK(canonical_decomposition(0x1EC7) == U"e\u0323\u0302");  // ệ, fully decomposed
    CHECK(canonical_decomposition(0xD55C) == U"\u1112\u1161\u11AB");  // 한
    CHECK(lowercase_of(0x0130) == U"i\u0307");
    CHECK(lowercase_of(0x03A3) == U"\u03C3");  // Σ -> σ, no final-sigma context per character
}

TEST_CASE("UTF-8 decoding replaces malformed sequences and round-trips valid text", "[inference]") {
    const std::string text = "aé€😀";
    CHECK(encode_utf8(decode_utf8(text)) == text);
    CHECK(decode_utf8("\xC0\xAF") == std::u32string{0xFFFD, 0xFFFD});  // overlong
    CHECK(decode_utf8("\xED\xA0\x80") == std::u32string{0xFFFD, 0xFFFD, 0xFFFD});  // surrogate
    CHECK(decode_utf8("\xE2\x82") == std::u32string{0xFFFD, 0xFFFD});  // truncated
}
