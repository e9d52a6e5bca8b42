#include "config/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include <boost/json/serialize.hpp>

#include "config/config.hpp"
#include "config/json_kit.hpp"
#include "core/error.hpp"

namespace braid::config::detail {
namespace {

constexpr std::size_t kMaxShownValue = 80;

std::string show(const boost::json::value& value) { return json_kit::shown(value, kMaxShownValue); }

std::string in_quotes(std::string_view text) {
    std::string out(1, '"');
    out.append(text);
    out.push_back('"');
    return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

using json_kit::integral_value;

}  // namespace

std::string member_path(const std::string& parent, std::string_view key) {
    return json_kit::member_path(parent, key);
}

std::string element_path(const std::string& parent, std::size_t index) {
    return json_kit::element_path(parent, index);
}

void fail(const std::string& path, const std::string& problem) {
    throw Error(ErrorKind::invalid_argument, "config_error", path.empty() ? problem : path + ": " + problem, path);
}

void fail_expected(const std::string& path, std::string_view what, const boost::json::value& got) {
    fail(path, "expected " + std::string(what) + ", got " + show(got));
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 3;
    for (const auto& candidate : candidates) {
        const std::size_t distance = edit_distance(name, candidate);
        if (distance < best_distance && distance < std::max(name.size(), candidate.size())) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string as_string(const boost::json::value& value, const std::string& path) {
    if (!value.is_string() || value.get_string().empty()) fail_expected(path, "a non-empty string", value);
    return std::string(value.get_string());
}

namespace {

// "a positive integer" with a maximum of 4096 -> "a positive integer up to 4096": a value above a
// limit is answered with the limit (unless `what` already states it).
template <typename Number>
std::string within(std::string_view what, Number min, Number max, Number highest) {
    std::string out(what);
    if (out.find_first_of("0123456789") != std::string::npos) return out;  // the caller stated it
    auto text = [](Number n) {
        std::ostringstream s;
        s << n;
        return s.str();
    };
    if (max != highest && min > Number(1)) out += " from " + text(min) + " to " + text(max);
    else if (max != highest) out += " up to " + text(max);
    return out;
}

}  // namespace

std::uint64_t as_unsigned(const boost::json::value& value, const std::string& path, std::uint64_t min,
                          std::uint64_t max, std::string_view what) {
    std::optional<std::uint64_t> u;
    if (value.is_uint64()) {
        u = value.get_uint64();
    } else if (const auto integral = integral_value(value); integral && *integral >= 0) {
        u = static_cast<std::uint64_t>(*integral);
    }
    if (!u) fail_expected(path, what, value);
    if (*u < min) fail_expected(path, what, value);
    if (*u > max) {
        fail_expected(path, within<std::uint64_t>(what, min, max, std::numeric_limits<std::uint64_t>::max()), value);
    }
    return *u;
}

double as_number(const boost::json::value& value, const std::string& path, double min, double max,
                 std::string_view what) {
    if (!value.is_number()) fail_expected(path, what, value);
    const double d = value.to_number<double>();
    if (!std::isfinite(d)) fail_expected(path, what, value);
    if (d < min) fail_expected(path, what, value);
    if (d > max) {
        fail_expected(path, within<double>(what, min, max, std::numeric_limits<double>::max()), value);
    }
    return d;
}

bool as_bool(const boost::json::value& value, const std::string& path) {
    if (!value.is_bool()) fail_expected(path, "true or false", value);
    return value.get_bool();
}

std::string as_choice(const boost::json::value& value, const std::string& path,
                      std::initializer_list<std::string_view> choices) {
    std::string what = "one of";
    for (const auto choice : choices) what += (what.size() > 6 ? ", " : " ") + in_quotes(choice);
    if (!value.is_string()) fail_expected(path, what, value);
    const std::string_view text = value.get_string();
    if (std::find(choices.begin(), choices.end(), text) == choices.end()) fail_expected(path, what, value);
    return std::string(text);
}

std::string as_safe_name(const boost::json::value& value, const std::string& path, std::string_view what) {
    if (!value.is_string() || !is_safe_name(value.get_string())) {
        fail_expected(path,
                      std::string(what) + " of 1-128 letters, digits, '_', '.' or '-' (not starting with '.' or '-', "
                                          "no \"..\")",
                      value);
    }
    return std::string(value.get_string());
}

ObjectReader::ObjectReader(const boost::json::value& value, std::string path,
                           std::initializer_list<std::string_view> known)
    : object_(value.if_object()), path_(std::move(path)) {
    if (object_ == nullptr) fail_expected(path_, "an object", value);
    const std::vector<std::string> names(known.begin(), known.end());
    for (const auto& member : *object_) {
        const std::string_view key = member.key();
        if (std::find(names.begin(), names.end(), key) != names.end()) continue;
        std::string problem = "unknown key";
        if (const auto suggestion = closest_name(key, names)) {
            problem += " (did you mean " + in_quotes(*suggestion) + "?)";
        } else {
            problem += " (expected one of";
            for (std::size_t i = 0; i < names.size(); ++i) problem += (i ? ", " : " ") + in_quotes(names[i]);
            problem += ")";
        }
        fail(member_path(path_, key), problem);
    }
}

const boost::json::value* ObjectReader::find(std::string_view key) const { return object_->if_contains(key); }

const boost::json::value& ObjectReader::require(std::string_view key, std::string_view what) const {
    const boost::json::value* value = find(key);
    if (value == nullptr) fail(path_of(key), "missing (expected " + std::string(what) + ")");
    return *value;
}

}  // namespace braid::config::detail
