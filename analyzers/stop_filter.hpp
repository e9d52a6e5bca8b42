#pragma once
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Drops tokens whose text is one of the stopwords (exact match: put it after case folding).
// Positions of the dropped tokens stay unused.
class StopFilter final : public TokenFilter {
public:
    explicit StopFilter(const std::vector<std::string>& words);
    // A built-in list; throws braid::Error(invalid_argument) listing the lists that exist.
    static StopFilter builtin(const std::string& language);

    void apply(std::vector<Token>& tokens) const override;

private:
    std::unordered_set<std::string> words_;
};

}  // namespace braid::analyzers
