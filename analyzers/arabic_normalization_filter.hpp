#pragma once
#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Lucene's ArabicNormalizationFilter: alef with madda / hamza above / hamza below -> bare alef,
// alef maksura (dotless yeh) -> yeh, teh marbuta -> heh; tatweel and the harakat (fathatan ..
// sukun) removed. The Persian form adds Lucene's PersianNormalizationFilter: farsi yeh and yeh
// barree -> yeh, keheh -> kaf, heh with yeh above and heh goal -> heh, hamza above removed; and
// the zero-width non-joiner is removed, joining the parts (Lucene's PersianCharFilter turns it
// into a space before tokenizing instead; a token filter keeps positions, so here the written
// forms with and without it meet, not the one with a space). Tokens left empty are dropped.
class ArabicNormalizationFilter final : public TokenFilter {
public:
    explicit ArabicNormalizationFilter(bool persian) : persian_(persian) {}
    void apply(std::vector<Token>& tokens) const override;

private:
    bool persian_;
};

}  // namespace braid::analyzers
