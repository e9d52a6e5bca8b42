#include "analyzers/synonym_map.hpp"

#include <algorithm>

#include "analyzers/analyzer.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

SynonymPhrase analyzed(const Analyzer& chain, const SynonymRule& rule, const std::string& entry) {
    const std::vector<Token> tokens = chain.analyze(entry);
    if (tokens.empty()) {
        throw Error(ErrorKind::invalid_argument, "invalid_analyzer",
                    rule.origin + ": the entry \"" + entry +
                        "\" analyzes to no terms (the chain drops all of it, e.g. as stopwords)",
                    rule.member);
    }
    SynonymPhrase phrase;
    for (const Token& token : tokens) {
        phrase.terms.push_back(token.text);
        phrase.positions.push_back(token.position - tokens.front().position);
    }
    return phrase;
}

bool matches(const SynonymPhrase& input, const std::vector<Token>& tokens, std::size_t at) {
    if (at + input.terms.size() > tokens.size()) return false;
    for (std::size_t i = 0; i < input.terms.size(); ++i) {
        const Token& token = tokens[at + i];
        if (token.text != input.terms[i] || token.position - tokens[at].position != input.positions[i]) return false;
    }
    return true;
}

}  // namespace

SynonymMap::SynonymMap(const std::vector<SynonymRule>& rules, const Analyzer& chain) {
    for (const SynonymRule& rule : rules) {
        std::vector<SynonymPhrase> outputs;
        for (const auto& output : rule.outputs) {
            SynonymPhrase phrase = analyzed(chain, rule, output);
            if (std::find(outputs.begin(), outputs.end(), phrase) == outputs.end()) outputs.push_back(std::move(phrase));
        }
        for (const auto& input : rule.inputs) {
            SynonymPhrase phrase = analyzed(chain, rule, input);
            auto& entries = by_first_term_[phrase.terms.front()];
            auto entry = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.input == phrase; });
            if (entry == entries.end()) {
                entries.push_back(Entry{std::move(phrase), {}});
                entry = entries.end() - 1;
            }
            for (const auto& output : outputs)
                if (std::find(entry->outputs.begin(), entry->outputs.end(), output) == entry->outputs.end())
                    entry->outputs.push_back(output);
        }
        ++rules_;
    }
}

std::vector<SynonymSegment> SynonymMap::expand(const std::vector<Token>& tokens) const {
    std::vector<SynonymSegment> out;
    for (std::size_t at = 0; at < tokens.size();) {
        const Entry* best = nullptr;
        if (const auto found = by_first_term_.find(tokens[at].text); found != by_first_term_.end()) {
            for (const Entry& entry : found->second)
                if ((best == nullptr || entry.input.terms.size() > best->input.terms.size()) && matches(entry.input, tokens, at))
                    best = &entry;
        }
        if (best == nullptr) {
            out.push_back(SynonymSegment{at, at + 1, {}});
            ++at;
            continue;
        }
        out.push_back(SynonymSegment{at, at + best->input.terms.size(), best->outputs});
        at += best->input.terms.size();
    }
    return out;
}

}  // namespace braid::analyzers
