#pragma once
#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Folds Latin letters to ASCII: accents removed (é -> e, Việt -> Viet) and letters without a
// decomposition spelled out (ß -> ss, æ -> ae, ø -> o, ł -> l, ﬁ -> fi); typographic quotes and
// dashes become ASCII. Marks on other scripts are kept (が stays が, हिन्दी stays whole).
// Uses ICU's Normalizer2 (lock-free) rather than the Latin-ASCII transliterator, whose
// rule-based implementation serializes all threads behind one ICU mutex.
class AsciiFoldingFilter final : public TokenFilter {
public:
    AsciiFoldingFilter();
    void apply(std::vector<Token>& tokens) const override;
};

}  // namespace braid::analyzers
