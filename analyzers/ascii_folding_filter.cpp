#include "analyzers/ascii_folding_filter.hpp"

#include <memory>

#include <unicode/translit.h>

#include "analyzers/utf16_text.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

constexpr const char16_t* kFoldingRules = u"NFD; [:Nonspacing Mark:] Remove; Latin-ASCII; NFC";

std::unique_ptr<icu::Transliterator> create_folder() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> folder(
        icu::Transliterator::createInstance(icu::UnicodeString(kFoldingRules), UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !folder) {
        throw Error(ErrorKind::internal, "icu_error",
                    std::string("cannot create the ICU Latin-ASCII transliterator: ") + u_errorName(status));
    }
    return folder;
}

// Rule-based transliterators serialize callers that share one instance behind a global mutex;
// a private instance per thread keeps the hot path lock-free. The rules are fixed, so one
// instance per thread serves every AsciiFoldingFilter.
const icu::Transliterator& thread_folder() {
    thread_local const std::unique_ptr<icu::Transliterator> folder = create_folder();
    return *folder;
}

}  // namespace

AsciiFoldingFilter::AsciiFoldingFilter() { (void)thread_folder(); }

void AsciiFoldingFilter::apply(std::vector<Token>& tokens) const {
    for (Token& token : tokens) {
        if (is_ascii(token.text)) continue;
        icu::UnicodeString text = icu::UnicodeString::fromUTF8(token.text);
        thread_folder().transliterate(text);
        token.text = to_utf8(text);
    }
    std::erase_if(tokens, [](const Token& token) { return token.text.empty(); });
}

}  // namespace braid::analyzers
