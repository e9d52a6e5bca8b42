#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace braid::config::detail {

// Typed access to JSON members with the JSON path of every failure. Every failure throws
// braid::Error(invalid_argument, "config_error", "<path>: <problem>", path).

std::string member_path(const std::string& parent, std::string_view key);
std::string element_path(const std::string& parent, std::size_t index);

[[noreturn]] void fail(const std::string& path, const std::string& problem);
// "<path>: expected <what>, got <json of value>"
[[noreturn]] void fail_expected(const std::string& path, std::string_view what, const boost::json::value& got);

// The closest candidate within edit distance 2 (transpositions count once), if any.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

std::string as_string(const boost::json::value& value, const std::string& path);       // non-empty
std::uint64_t as_unsigned(const boost::json::value& value, const std::string& path,
                          std::uint64_t min, std::uint64_t max, std::string_view what);
double as_number(const boost::json::value& value, const std::string& path, double min, double max,
                 std::string_view what);
bool as_bool(const boost::json::value& value, const std::string& path);
// One of `choices`; the error lists them.
std::string as_choice(const boost::json::value& value, const std::string& path,
                      std::initializer_list<std::string_view> choices);
// A name passing is_safe_name.
std::string as_safe_name(const boost::json::value& value, const std::string& path, std::string_view what);

// An object whose keys must all be among `known`; unknown keys fail with "did you mean".
class ObjectReader {
public:
    ObjectReader(const boost::json::value& value, std::string path, std::initializer_list<std::string_view> known);

    const std::string& path() const { return path_; }
    std::string path_of(std::string_view key) const { return member_path(path_, key); }
    const boost::json::object& object() const { return *object_; }
    // nullptr when absent.
    const boost::json::value* find(std::string_view key) const;
    // Fails with "<path>.<key>: missing (expected <what>)" when absent.
    const boost::json::value& require(std::string_view key, std::string_view what) const;

private:
    const boost::json::object* object_;
    std::string path_;
};

}  // namespace braid::config::detail
