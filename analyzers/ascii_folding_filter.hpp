#pragma once
#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Folds Latin letters to ASCII: accents removed (é -> e) and letters without a decomposition
// spelled out (ß -> ss, æ -> ae, ø -> o, ł -> l), with ICU's "Latin-ASCII" transliterator after
// NFD and removal of nonspacing marks. Non-Latin scripts keep their letters (marks removed).
class AsciiFoldingFilter final : public TokenFilter {
public:
    AsciiFoldingFilter();
    void apply(std::vector<Token>& tokens) const override;
};

}  // namespace braid::analyzers
