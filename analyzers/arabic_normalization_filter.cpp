#include "analyzers/arabic_normalization_filter.hpp"

#include <string>

#include <unicode/utf8.h>

namespace braid::analyzers {
namespace {

constexpr UChar32 kDrop = -1;

UChar32 arabic(UChar32 c) {
    switch (c) {
        case 0x0622:  // alef with madda above
        case 0x0623:  // alef with hamza above
        case 0x0625:  // alef with hamza below
            return 0x0627;
        case 0x0649: return 0x064A;  // alef maksura (dotless yeh) -> yeh
        case 0x0629: return 0x0647;  // teh marbuta -> heh
        case 0x0640:                 // tatweel
            return kDrop;
        default: return c >= 0x064B && c <= 0x0652 ? kDrop : c;  // fathatan .. sukun
    }
}

UChar32 persian(UChar32 c) {
    switch (c) {
        case 0x06CC:  // farsi yeh
        case 0x06D2:  // yeh barree
            return 0x064A;
        case 0x06A9: return 0x0643;  // keheh -> kaf
        case 0x06C0:                 // heh with yeh above
        case 0x06C1:                 // heh goal
            return 0x0647;
        case 0x0654:  // hamza above
        case 0x200C:  // zero-width non-joiner
            return kDrop;
        default: return c;
    }
}

// Whether any byte could start a character this filter changes (all are U+0600..U+06FF or U+200C).
bool may_change(const std::string& text) {
    for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        if (b == 0xD8 || b == 0xD9 || b == 0xDA || b == 0xDB || b == 0xE2) return true;
    }
    return false;
}

}  // namespace

void ArabicNormalizationFilter::apply(std::vector<Token>& tokens) const {
    for (Token& token : tokens) {
        if (!may_change(token.text)) continue;
        const std::string& in = token.text;
        std::string out;
        out.reserve(in.size());
        const auto length = static_cast<std::int32_t>(in.size());
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(in.data());
        for (std::int32_t i = 0; i < length;) {
            const std::int32_t start = i;
            UChar32 c;
            U8_NEXT(bytes, i, length, c);
            if (c < 0) {  // ill-formed: keep the bytes as they are
                out.append(in, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
                continue;
            }
            UChar32 mapped = arabic(c);
            if (persian_ && mapped != kDrop) mapped = persian(mapped);
            if (mapped == kDrop) continue;
            char buffer[U8_MAX_LENGTH];
            std::int32_t n = 0;
            U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buffer), n, mapped);
            out.append(buffer, static_cast<std::size_t>(n));
        }
        token.text = std::move(out);
    }
    std::erase_if(tokens, [](const Token& token) { return token.text.empty(); });
}

}  // namespace braid::analyzers
