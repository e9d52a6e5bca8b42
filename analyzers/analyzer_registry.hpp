#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzers/analyzer.hpp"

namespace braid::analyzers {

// Named analyzers: the built-ins (`standard`, `whitespace`, and one per Snowball language:
// `english`, `german`, `arabic`, ...) plus user-defined chains.
class AnalyzerRegistry {
public:
    static AnalyzerRegistry with_builtins();

    // Adds or replaces a user analyzer. Throws braid::Error(invalid_argument) on a bad spec.
    void add(const std::string& name, const AnalyzerSpec& spec);
    bool contains(const std::string& name) const;
    // Throws braid::Error(not_found, "unknown_analyzer") listing what exists.
    std::shared_ptr<const Analyzer> get(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, std::shared_ptr<const Analyzer>> analyzers_;
};

}  // namespace braid::analyzers
