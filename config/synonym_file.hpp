#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace braid::config::detail {

// Solr's synonyms format: one rule a line; `a, b, c` (equivalent entries), `a, b => c, d`
// (a or b stands for c and d), `#` starting a comment line, blank lines ignored, `\` escaping
// the next character (`\,`, `\=>`, `\#`, `\\`). `name` is how messages name the file.
// Throws braid::Error(invalid_argument, "config_error", "<name> line N: ...") on a bad line
// (the caller sets the JSON path).
std::vector<SynonymRuleConfig> parse_synonym_lines(std::string_view text, const std::string& name);

}  // namespace braid::config::detail
