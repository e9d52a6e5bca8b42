#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace braid::http {

// Nesting deeper than this is refused (a 400, never a stack overflow).
inline constexpr std::size_t max_json_depth = 64;

// Parses a request body. Malformed JSON, invalid UTF-8 and absurd nesting throw
// braid::Error(invalid_argument, "parse_error") with the byte offset of the problem.
boost::json::value parse_json_body(std::string_view body);
// The same, its values allocated from `storage`.
boost::json::value parse_json_body(std::string_view body, boost::json::storage_ptr storage);

// Helpers for strict readers: each throws braid::Error(invalid_argument) naming `path`.
const boost::json::object& expect_object(const boost::json::value& value, const std::string& path);
std::string expect_string(const boost::json::value& value, const std::string& path);
bool expect_bool(const boost::json::value& value, const std::string& path);
double expect_number(const boost::json::value& value, const std::string& path);  // finite only
std::int64_t expect_integer(const boost::json::value& value, const std::string& path,
                            std::int64_t min, std::int64_t max);

// Throws invalid_argument "unknown_member" naming every member of `object` outside `allowed`.
void reject_unknown_members(const boost::json::object& object,
                            std::initializer_list<std::string_view> allowed,
                            const std::string& path);

// "fusion" + "alpha" -> "fusion.alpha"; "" + "k" -> "k".
std::string join_path(const std::string& parent, std::string_view member);
// A short rendering of a value for error messages (long values are cut).
std::string describe(const boost::json::value& value);

}  // namespace braid::http
