#include "core/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <system_error>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace braid {
namespace {

void append_string(std::string& out, const boost::json::string& text) {
    out += boost::json::serialize(text);
}

void append_value(std::string& out, const boost::json::value& value, int indent, int depth) {
    const auto newline = [&](int level) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<std::size_t>(indent * level), ' ');
    };
    switch (value.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; return;
    case boost::json::kind::int64: out += std::to_string(value.get_int64()); return;
    case boost::json::kind::uint64: out += std::to_string(value.get_uint64()); return;
    case boost::json::kind::double_: out += number_text(value.get_double()); return;
    case boost::json::kind::string: append_string(out, value.get_string()); return;
    case boost::json::kind::array: {
        const auto& array = value.get_array();
        out += '[';
        bool first = true;
        for (const auto& element : array) {
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            append_value(out, element, indent, depth + 1);
        }
        if (!array.empty()) newline(depth);
        out += ']';
        return;
    }
    case boost::json::kind::object: {
        const auto& object = value.get_object();
        out += '{';
        bool first = true;
        for (const auto& member : object) {
            if (!first) out += ',';
            first = false;
            newline(depth + 1);
            out += boost::json::serialize(boost::json::string(member.key()));
            out += indent < 0 ? ":" : ": ";
            append_value(out, member.value(), indent, depth + 1);
        }
        if (!object.empty()) newline(depth);
        out += '}';
        return;
    }
    }
}

}  // namespace

std::string number_text(double value) {
    if (!std::isfinite(value)) return "null";
    if (value == 0) return "0";  // also -0, as JavaScript prints it
    // The shortest round-trip digits, then laid out as ECMAScript's Number::toString does.
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    if (error != std::errc{}) return "null";
    const std::string_view scientific(buffer, static_cast<std::size_t>(end - buffer));
    const bool negative = scientific.front() == '-';
    const auto e = scientific.find('e');
    std::string digits;
    for (char c : scientific.substr(negative ? 1 : 0, e - (negative ? 1 : 0)))
        if (c != '.') digits += c;
    const int exponent = std::stoi(std::string(scientific.substr(e + 1)));
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;  // value = 0.digits × 10^n
    std::string text = negative ? "-" : "";
    if (k <= n && n <= 21) {
        text += digits;
        text.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        text += digits.substr(0, static_cast<std::size_t>(n));
        text += '.';
        text += digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        text += "0.";
        text.append(static_cast<std::size_t>(-n), '0');
        text += digits;
    } else {
        text += digits.substr(0, 1);
        if (k > 1) {
            text += '.';
            text += digits.substr(1);
        }
        text += n - 1 >= 0 ? "e+" : "e-";
        text += std::to_string(std::abs(n - 1));
    }
    return text;
}

void append_json_text(std::string& out, const boost::json::value& value) { append_value(out, value, -1, 0); }

std::string json_text(const boost::json::value& value) {
    std::string out;
    append_value(out, value, -1, 0);
    return out;
}

std::string pretty_json_text(const boost::json::value& value) {
    std::string out;
    append_value(out, value, 2, 0);
    return out;
}

}  // namespace braid
