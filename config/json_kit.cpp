#include "config/json_kit.hpp"

#include <cmath>
#include <limits>

#include "core/json_text.hpp"

namespace braid::config::json_kit {

std::string member_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string element_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

std::string shown(const boost::json::value& value, std::size_t limit) {
    std::string text = json_text(value);
    if (text.size() > limit) text = text.substr(0, limit) + "...";
    return text;
}

std::optional<double> finite_number(const boost::json::value& value) {
    if (!value.is_number()) return std::nullopt;
    const double number = value.to_number<double>();
    if (!std::isfinite(number)) return std::nullopt;
    return number;
}

std::optional<std::int64_t> integral_value(const boost::json::value& value) {
    if (value.is_int64()) return value.get_int64();
    if (value.is_uint64()) {
        const std::uint64_t u = value.get_uint64();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    if (value.is_double()) {
        const double d = value.get_double();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

}  // namespace braid::config::json_kit
