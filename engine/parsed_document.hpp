#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lexical/lexical_index.hpp"

namespace braid::engine {

// The value of one filterable field in one document: absent, keywords, integer, float or bool.
using FilterFieldValue = std::variant<std::monostate, std::vector<std::string>, std::int64_t, double, bool>;

// A validated document, ready to be applied without further checks.
struct ParsedDocument {
    std::string id;
    std::string json;                               // the original document text (one line)
    std::vector<lexical::FieldTokens> text;         // one per text field that has a value
    std::vector<FilterFieldValue> filters;          // one per filterable field, in schema order
    std::optional<std::vector<float>> vector;
};

}  // namespace braid::engine
