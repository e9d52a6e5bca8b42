#pragma once
#include <memory>

#include "analyzers/analyzer_spec.hpp"
#include "analyzers/token_filter.hpp"
#include "analyzers/tokenizer.hpp"

namespace braid::analyzers {

// Build the parts of a chain from their specs; throw braid::Error(invalid_argument,
// "invalid_analyzer") naming the unknown tokenizer / filter / language and listing what exists.
std::unique_ptr<Tokenizer> make_tokenizer(const std::string& name);
std::unique_ptr<TokenFilter> make_filter(const FilterSpec& spec);

}  // namespace braid::analyzers
