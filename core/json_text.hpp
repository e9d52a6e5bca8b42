#pragma once
// JSON text as braid writes it: every number in the shortest form that reads back to the same
// double, without an exponent for ordinary magnitudes, as JavaScript prints it (0.9, 7.581446,
// 1e+21, 1.5e-7). Boost.JSON's own serializer writes 0.9 as 9E-1.
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace braid {

// The text of a finite double; non-finite values are written as null (JSON has no NaN).
std::string number_text(double value);
// The same appended to `out` (no allocation of its own).
void append_number_text(std::string& out, double value);
// `text` (UTF-8) as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);
// A float in the shortest form that reads back to the same float (0.13936, not 0.13936000657).
void append_float_text(std::string& out, float value);

// Appends `value` as compact JSON text to `out`.
void append_json_text(std::string& out, const boost::json::value& value);
std::string json_text(const boost::json::value& value);
// Indented with two spaces, one member per line (for `?pretty` and the CLI).
std::string pretty_json_text(const boost::json::value& value);

}  // namespace braid
