#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace braid::http {

// The value of the query-string parameter `name` in a request target ("/a?pretty&x=1"): "" for a
// bare "?pretty", nullopt when absent. Values are percent-decoded; a malformed one reads as absent.
std::optional<std::string> query_parameter(std::string_view target, std::string_view name);

// `?pretty` (or pretty=true / pretty=1) on any route: the JSON answer is indented.
bool wants_pretty(std::string_view target);

}  // namespace braid::http
