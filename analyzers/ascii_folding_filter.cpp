#include "analyzers/ascii_folding_filter.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "analyzers/utf16_text.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

struct Folding {
    UChar32 from;
    const char16_t* to;
};

// Characters NFD leaves alone but that have a conventional ASCII spelling. Sorted by code point.
constexpr std::array kFoldings{
    Folding{0x00C6, u"AE"}, Folding{0x00D0, u"D"},  Folding{0x00D8, u"O"},  Folding{0x00DE, u"TH"},
    Folding{0x00DF, u"ss"}, Folding{0x00E6, u"ae"}, Folding{0x00F0, u"d"},  Folding{0x00F8, u"o"},
    Folding{0x00FE, u"th"}, Folding{0x0110, u"D"},  Folding{0x0111, u"d"},  Folding{0x0126, u"H"},
    Folding{0x0127, u"h"},  Folding{0x0131, u"i"},  Folding{0x0132, u"IJ"}, Folding{0x0133, u"ij"},
    Folding{0x0138, u"q"},  Folding{0x013F, u"L"},  Folding{0x0140, u"l"},  Folding{0x0141, u"L"},
    Folding{0x0142, u"l"},  Folding{0x0149, u"'n"}, Folding{0x014A, u"N"},  Folding{0x014B, u"n"},
    Folding{0x0152, u"OE"}, Folding{0x0153, u"oe"}, Folding{0x0166, u"T"},  Folding{0x0167, u"t"},
    Folding{0x017F, u"s"},  Folding{0x0180, u"b"},  Folding{0x0192, u"f"},  Folding{0x01C4, u"DZ"},
    Folding{0x01C5, u"Dz"}, Folding{0x01C6, u"dz"}, Folding{0x01C7, u"LJ"}, Folding{0x01C8, u"Lj"},
    Folding{0x01C9, u"lj"}, Folding{0x01CA, u"NJ"}, Folding{0x01CB, u"Nj"}, Folding{0x01CC, u"nj"},
    Folding{0x0237, u"j"},  Folding{0x1E9E, u"SS"}, Folding{0x2010, u"-"},  Folding{0x2011, u"-"},
    Folding{0x2012, u"-"},  Folding{0x2013, u"-"},  Folding{0x2014, u"-"},  Folding{0x2018, u"'"},
    Folding{0x2019, u"'"},  Folding{0x201A, u"'"},  Folding{0x201B, u"'"},  Folding{0x201C, u"\""},
    Folding{0x201D, u"\""}, Folding{0x201E, u"\""}, Folding{0x2032, u"'"},  Folding{0xFB00, u"ff"},
    Folding{0xFB01, u"fi"}, Folding{0xFB02, u"fl"}, Folding{0xFB03, u"ffi"}, Folding{0xFB04, u"ffl"},
    Folding{0xFB05, u"st"}, Folding{0xFB06, u"st"},
};

static_assert(std::is_sorted(kFoldings.begin(), kFoldings.end(),
                             [](const Folding& a, const Folding& b) { return a.from < b.from; }));

const char16_t* folding_of(UChar32 c) {
    const auto found = std::lower_bound(kFoldings.begin(), kFoldings.end(), c,
                                        [](const Folding& f, UChar32 value) { return f.from < value; });
    return found != kFoldings.end() && found->from == c ? found->to : nullptr;
}

const icu::Normalizer2& normalizer(bool compose) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n =
        compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr) {
        throw Error(ErrorKind::internal, "icu_error", std::string("cannot load ICU's NFC/NFD data: ") + u_errorName(status));
    }
    return *n;
}

icu::UnicodeString fold(const icu::UnicodeString& decomposed) {
    icu::UnicodeString out;
    bool after_latin = false;
    for (std::int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (!after_latin) out.append(c);
            continue;
        }
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        after_latin = U_SUCCESS(status) && script == USCRIPT_LATIN;
        if (const char16_t* ascii = folding_of(c)) {
            out.append(ascii);
        } else {
            out.append(c);
        }
    }
    return out;
}

}  // namespace

AsciiFoldingFilter::AsciiFoldingFilter() {
    (void)normalizer(true);
    (void)normalizer(false);
}

void AsciiFoldingFilter::apply(std::vector<Token>& tokens) const {
    const icu::Normalizer2& nfd = normalizer(false);
    const icu::Normalizer2& nfc = normalizer(true);
    for (Token& token : tokens) {
        if (is_ascii(token.text)) continue;
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString decomposed = nfd.normalize(icu::UnicodeString::fromUTF8(token.text), status);
        // Recompose what is left so marks kept on other scripts sit on their letters again.
        const icu::UnicodeString folded = nfc.normalize(fold(decomposed), status);
        if (U_FAILURE(status)) {
            throw Error(ErrorKind::internal, "icu_error", std::string("ASCII folding failed: ") + u_errorName(status));
        }
        token.text = to_utf8(folded);
    }
    std::erase_if(tokens, [](const Token& token) { return token.text.empty(); });
}

}  // namespace braid::analyzers
