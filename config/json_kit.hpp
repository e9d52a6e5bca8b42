#pragma once
// The one JSON-reading kit every strict reader in braid uses (the configuration, HTTP request
// bodies, documents): JSON paths, values shown in messages, numbers as JSON means them. Each
// reader keeps its own error type; what it reads is decided here, once.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace braid::config::json_kit {

// "fusion" + "alpha" -> "fusion.alpha"; "" + "k" -> "k".
std::string member_path(const std::string& parent, std::string_view key);
// "vector" + 3 -> "vector[3]".
std::string element_path(const std::string& parent, std::size_t index);

// A value as JSON text for an error message, cut to about `limit` characters: the one way braid
// echoes a value, numbers as core/json_text writes them (2.5, not 2.5E0).
std::string shown(const boost::json::value& value, std::size_t limit = 60);

// The number a JSON value holds, as a double, when it is a finite number.
std::optional<double> finite_number(const boost::json::value& value);
// The integer a JSON value holds (10.0 counts: JSON has one number type), when it is exactly one
// within ±9e15 (or any int64/uint64 that fits int64).
std::optional<std::int64_t> integral_value(const boost::json::value& value);

}  // namespace braid::config::json_kit
