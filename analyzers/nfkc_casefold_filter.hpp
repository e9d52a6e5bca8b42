#pragma once
#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Unicode NFKC_Casefold (ICU Normalizer2): compatibility forms unified, case folded, default
// ignorables removed. Tokens that fold to nothing are dropped.
class NfkcCasefoldFilter final : public TokenFilter {
public:
    NfkcCasefoldFilter();
    void apply(std::vector<Token>& tokens) const override;
};

}  // namespace braid::analyzers
