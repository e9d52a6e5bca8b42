#include "analyzers/lowercase_filter.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "analyzers/utf16_text.hpp"

namespace braid::analyzers {

void LowercaseFilter::apply(std::vector<Token>& tokens) const {
    for (Token& token : tokens) {
        if (is_ascii(token.text)) {
            for (char& c : token.text) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            }
            continue;
        }
        icu::UnicodeString text = icu::UnicodeString::fromUTF8(token.text);
        text.toLower(icu::Locale::getRoot());
        token.text = to_utf8(text);
    }
}

}  // namespace braid::analyzers
