#include "analyzers/length_filter.hpp"

#include <string>

#include "analyzers/utf16_text.hpp"
#include "core/error.hpp"

namespace braid::analyzers {

LengthFilter::LengthFilter(std::size_t min_length, std::size_t max_length)
    : min_length_(min_length), max_length_(max_length) {
    if (max_length_ != 0 && min_length_ > max_length_) {
        throw Error(ErrorKind::invalid_argument, "invalid_analyzer",
                    "length filter: min (" + std::to_string(min_length_) + ") is greater than max (" +
                        std::to_string(max_length_) + ")");
    }
}

void LengthFilter::apply(std::vector<Token>& tokens) const {
    std::erase_if(tokens, [this](const Token& token) {
        const std::size_t length = count_code_points(token.text);
        return length < min_length_ || (max_length_ != 0 && length > max_length_);
    });
}

}  // namespace braid::analyzers
