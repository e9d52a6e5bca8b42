#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer_spec.hpp"
#include "analyzers/synonym_map.hpp"
#include "analyzers/token.hpp"

namespace braid::analyzers {

class Tokenizer;
class TokenFilter;

// An immutable tokenizer + filter chain; analyze() is safe to call from many threads at once.
class Analyzer {
public:
    // Throws braid::Error(invalid_argument) naming the bad tokenizer / filter / language.
    static std::shared_ptr<const Analyzer> build(std::string name, const AnalyzerSpec& spec);

    Analyzer(std::string name, std::unique_ptr<Tokenizer> tokenizer,
             std::vector<std::unique_ptr<TokenFilter>> filters);
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    const std::string& name() const { return name_; }
    // Invalid UTF-8 is tolerated (replaced), never a crash. Synonyms are not applied: documents
    // are indexed as written, and queries expand through synonyms() (see README "Synonyms").
    std::vector<Token> analyze(std::string_view text) const;
    // analyze() in two steps: the tokenizer's tokens, then the filters over them. Filters map each
    // token on its own (TokenFilter's contract), so a caller meeting the same word many times (the
    // highlighter) may filter it once alone and reuse the result.
    std::vector<Token> tokenize(std::string_view text) const;
    void filter(std::vector<Token>& tokens) const;
    // The chain's synonym rules, analyzed by the chain; null when it has no synonyms filter.
    const SynonymMap* synonyms() const { return synonyms_.get(); }

private:
    std::string name_;
    std::unique_ptr<Tokenizer> tokenizer_;
    std::vector<std::unique_ptr<TokenFilter>> filters_;
    std::unique_ptr<const SynonymMap> synonyms_;
};

}  // namespace braid::analyzers
