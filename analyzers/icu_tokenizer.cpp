#include "analyzers/icu_tokenizer.hpp"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>

#include "analyzers/utf16_text.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

// A BreakIterator holds iteration state, so each thread keeps its own; all IcuTokenizers share
// the same root-locale rules, so one per thread serves them all.
icu::BreakIterator& thread_word_iterator() {
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> created(
            icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !created) {
            throw Error(ErrorKind::internal, "icu_error",
                        std::string("cannot create the ICU word break iterator: ") + u_errorName(status));
        }
        return created;
    }();
    return *iterator;
}

// ICU gives emoji the "none" rule status like punctuation; like Lucene's ICUTokenizer we keep
// a segment that is an emoji: one with emoji presentation, a flag, or an emoji made so by
// U+FE0F / a keycap (so "❤️" is a token while "©" or "#" alone are not).
bool is_emoji(const icu::UnicodeString& text, std::int32_t begin, std::int32_t end) {
    const UChar32 first = text.char32At(begin);
    const auto made_emoji = [&] {
        for (std::int32_t i = begin; i < end; ++i) {
            if (text.charAt(i) == 0xFE0F || text.charAt(i) == 0x20E3) return true;
        }
        return false;
    };
    if (first < 0x80) {  // spaces and ASCII punctuation: only #, * and digits start an emoji
        return (first == '#' || first == '*' || (first >= '0' && first <= '9')) && made_emoji();
    }
    if (u_hasBinaryProperty(first, UCHAR_EMOJI_PRESENTATION) ||
        u_hasBinaryProperty(first, UCHAR_REGIONAL_INDICATOR)) {
        return true;
    }
    return u_hasBinaryProperty(first, UCHAR_EMOJI) && made_emoji();
}

}  // namespace

std::vector<Token> IcuTokenizer::tokenize(std::string_view text) const {
    std::vector<Token> tokens;
    if (text.empty()) return tokens;
    const Utf16Text decoded = Utf16Text::decode(text);
    icu::BreakIterator& words = thread_word_iterator();
    words.setText(decoded.text);
    std::uint32_t position = 0;
    std::int32_t begin = words.first();
    for (std::int32_t end = words.next(); end != icu::BreakIterator::DONE; begin = end, end = words.next()) {
        if (words.getRuleStatus() == UBRK_WORD_NONE && !is_emoji(decoded.text, begin, end)) continue;
        Token token;
        token.position = position++;
        token.start = decoded.byte_offset[static_cast<std::size_t>(begin)];
        token.end = decoded.byte_offset[static_cast<std::size_t>(end)];
        token.text = decoded.well_formed ? std::string(text.substr(token.start, token.end - token.start))
                                         : to_utf8(decoded.text, begin, end);
        tokens.push_back(std::move(token));
    }
    // Drop the iterator's reference to `decoded`, which dies here.
    static const icu::UnicodeString kNoText;
    words.setText(kNoText);
    return tokens;
}

}  // namespace braid::analyzers
