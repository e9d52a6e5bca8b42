#pragma once
#include <cstddef>

#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Keeps tokens of min..max code points (max 0 = no upper bound).
class LengthFilter final : public TokenFilter {
public:
    LengthFilter(std::size_t min_length, std::size_t max_length);
    void apply(std::vector<Token>& tokens) const override;

private:
    std::size_t min_length_;
    std::size_t max_length_;
};

}  // namespace braid::analyzers
