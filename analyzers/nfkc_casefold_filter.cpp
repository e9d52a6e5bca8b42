#include "analyzers/nfkc_casefold_filter.hpp"

#include <algorithm>

#include <unicode/normalizer2.h>

#include "analyzers/utf16_text.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || normalizer == nullptr) {
        throw Error(ErrorKind::internal, "icu_error",
                    std::string("cannot load ICU's NFKC_Casefold data: ") + u_errorName(status));
    }
    return *normalizer;  // owned by ICU, immutable and thread-safe
}

void ascii_lower(std::string& text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
}

}  // namespace

NfkcCasefoldFilter::NfkcCasefoldFilter() { (void)nfkc_casefold(); }

void NfkcCasefoldFilter::apply(std::vector<Token>& tokens) const {
    const icu::Normalizer2& normalizer = nfkc_casefold();
    for (Token& token : tokens) {
        if (is_ascii(token.text)) {
            ascii_lower(token.text);  // NFKC_Casefold of ASCII is its lowercase
            continue;
        }
        UErrorCode status = U_ZERO_ERROR;
        const icu::UnicodeString folded =
            normalizer.normalize(icu::UnicodeString::fromUTF8(token.text), status);
        if (U_FAILURE(status)) {
            throw Error(ErrorKind::internal, "icu_error",
                        std::string("NFKC_Casefold failed: ") + u_errorName(status));
        }
        token.text = to_utf8(folded);
    }
    std::erase_if(tokens, [](const Token& token) { return token.text.empty(); });
}

}  // namespace braid::analyzers
