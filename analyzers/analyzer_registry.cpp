#include "analyzers/analyzer_registry.hpp"

#include "analyzers/name_list.hpp"
#include "analyzers/stem_filter.hpp"
#include "analyzers/stopword_lists.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

// The stopword list that goes with a Snowball algorithm, if the project has one.
std::string stopword_list_for(const std::string& algorithm) {
    if (algorithm == "porter") return "english";
    return has_builtin_stopwords(algorithm) ? algorithm : std::string{};
}

FilterSpec filter(std::string kind, std::string language = {}) {
    FilterSpec spec;
    spec.kind = std::move(kind);
    spec.language = std::move(language);
    return spec;
}

AnalyzerSpec chain(std::string tokenizer, std::vector<FilterSpec> filters) {
    AnalyzerSpec spec;
    spec.tokenizer = std::move(tokenizer);
    spec.filters = std::move(filters);
    return spec;
}

AnalyzerSpec language_spec(const std::string& algorithm) {
    std::vector<FilterSpec> filters{filter("nfkc_casefold")};
    if (std::string stop = stopword_list_for(algorithm); !stop.empty()) filters.push_back(filter("stop", stop));
    filters.push_back(filter("stem", algorithm));
    return chain("icu", std::move(filters));
}

}  // namespace

AnalyzerRegistry AnalyzerRegistry::with_builtins() {
    AnalyzerRegistry registry;
    registry.add("standard", chain("icu", {filter("nfkc_casefold")}));
    registry.add("whitespace", chain("whitespace", {}));
    for (const std::string& algorithm : stemmer_languages()) registry.add(algorithm, language_spec(algorithm));
    return registry;
}

void AnalyzerRegistry::add(const std::string& name, const AnalyzerSpec& spec) {
    if (name.empty()) {
        throw Error(ErrorKind::invalid_argument, "invalid_analyzer", "an analyzer needs a non-empty name");
    }
    analyzers_[name] = Analyzer::build(name, spec);
}

bool AnalyzerRegistry::contains(const std::string& name) const { return analyzers_.contains(name); }

std::shared_ptr<const Analyzer> AnalyzerRegistry::get(const std::string& name) const {
    const auto found = analyzers_.find(name);
    if (found == analyzers_.end()) {
        throw Error(ErrorKind::invalid_argument, "unknown_analyzer",
                    "unknown analyzer \"" + name + "\" (available: " + join_names(names()) + ")");
    }
    return found->second;
}

std::vector<std::string> AnalyzerRegistry::names() const {
    std::vector<std::string> out;
    out.reserve(analyzers_.size());
    for (const auto& [name, analyzer] : analyzers_) out.push_back(name);
    return out;
}

}  // namespace braid::analyzers
