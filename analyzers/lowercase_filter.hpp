#pragma once
#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Full Unicode lowercase mapping in the root locale (no Turkish dotless-i rules).
class LowercaseFilter final : public TokenFilter {
public:
    void apply(std::vector<Token>& tokens) const override;
};

}  // namespace braid::analyzers
