#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzers/token.hpp"

namespace braid::analyzers {

class Analyzer;

// One rule before analysis: each input stands for every output. An equivalence line `a, b, c`
// is the rule {a, b, c} => {a, b, c}; an explicit one `a, b => c` replaces a or b with c.
struct SynonymRule {
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::string origin;  // for errors: `syn.txt line 3`, `sets[0]`
    std::string member;  // the JSON member under "synonyms" it comes from: `path`, `sets[0]`
                         // (Analyzer::build prefixes `filters[i].synonyms.`)
};

// An entry once analyzed: its terms and their positions relative to the first.
struct SynonymPhrase {
    std::vector<std::string> terms;
    std::vector<std::uint32_t> positions;
    friend bool operator==(const SynonymPhrase&, const SynonymPhrase&) = default;
};

// A stretch of a query's tokens: one token alone (no rule matched it), or tokens [begin, end)
// that a rule's input matched, with the phrases it stands for.
struct SynonymSegment {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<SynonymPhrase> alternatives;  // empty: the token at `begin` as it is
};

// Rules analyzed by the chain they belong to, matched on analyzed query tokens (the output of
// the whole chain, so "Heart Attacks" meets the rule "heart attack" once both are stemmed).
class SynonymMap {
public:
    // Throws braid::Error(invalid_argument, "invalid_analyzer", path: the rule's member) naming
    // the rule's origin when an entry analyzes to no terms.
    SynonymMap(const std::vector<SynonymRule>& rules, const Analyzer& chain);

    // Left to right, the longest input matching at each token (terms equal, relative positions
    // equal); rules with the same input pool their outputs.
    std::vector<SynonymSegment> expand(const std::vector<Token>& tokens) const;
    std::size_t rule_count() const { return rules_; }

private:
    struct Entry {
        SynonymPhrase input;
        std::vector<SynonymPhrase> outputs;
    };
    std::unordered_map<std::string, std::vector<Entry>> by_first_term_;
    std::size_t rules_ = 0;
};

}  // namespace braid::analyzers
