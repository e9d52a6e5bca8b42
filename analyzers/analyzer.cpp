#include "analyzers/analyzer.hpp"

#include <limits>

#include "analyzers/chain_factory.hpp"
#include "analyzers/token_filter.hpp"
#include "analyzers/tokenizer.hpp"
#include "core/error.hpp"

namespace braid::analyzers {

std::shared_ptr<const Analyzer> Analyzer::build(std::string name, const AnalyzerSpec& spec) {
    std::unique_ptr<Tokenizer> tokenizer = make_tokenizer(spec.tokenizer);
    std::vector<std::unique_ptr<TokenFilter>> filters;
    filters.reserve(spec.filters.size());
    std::vector<SynonymRule> rules;
    for (std::size_t i = 0; i < spec.filters.size(); ++i) {
        const FilterSpec& filter = spec.filters[i];
        if (filter.kind != "synonyms") {
            filters.push_back(make_filter(filter));
            continue;
        }
        if (filter.synonyms.empty()) {
            throw Error(ErrorKind::invalid_argument, "invalid_analyzer", "the synonyms filter has no rules",
                        "filters[" + std::to_string(i) + "].synonyms");
        }
        for (SynonymRule rule : filter.synonyms) {
            rule.member = "filters[" + std::to_string(i) + "].synonyms" + (rule.member.empty() ? "" : "." + rule.member);
            rules.push_back(std::move(rule));
        }
    }
    auto analyzer = std::make_shared<Analyzer>(std::move(name), std::move(tokenizer), std::move(filters));
    if (!rules.empty()) {
        // Entries are analyzed by the whole chain, as the query text they must meet is.
        analyzer->synonyms_ = std::make_unique<const SynonymMap>(rules, *analyzer);
    }
    return analyzer;
}

Analyzer::Analyzer(std::string name, std::unique_ptr<Tokenizer> tokenizer,
                   std::vector<std::unique_ptr<TokenFilter>> filters)
    : name_(std::move(name)), tokenizer_(std::move(tokenizer)), filters_(std::move(filters)) {}

Analyzer::~Analyzer() = default;

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<Token> tokens = tokenize(text);
    filter(tokens);
    return tokens;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
    // Offsets are 32-bit; ICU indexes UTF-16 with int32_t.
    constexpr std::size_t kMaxText = std::numeric_limits<std::int32_t>::max() / 2;
    if (text.size() > kMaxText) {
        throw Error(ErrorKind::invalid_argument, "text_too_large",
                    "cannot analyze a text of " + std::to_string(text.size()) + " bytes (limit " +
                        std::to_string(kMaxText) + ")");
    }
    return tokenizer_->tokenize(text);
}

void Analyzer::filter(std::vector<Token>& tokens) const {
    for (const auto& filter : filters_) {
        if (tokens.empty()) break;
        filter->apply(tokens);
    }
}

}  // namespace braid::analyzers
