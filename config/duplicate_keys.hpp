#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace braid::config::detail {

// The JSON path of the first member whose key repeats an earlier key of the same object
// (Boost.JSON would silently keep the last one), or nothing. `json_text` must be valid JSON.
std::optional<std::string> find_duplicate_key(std::string_view json_text);

}  // namespace braid::config::detail
