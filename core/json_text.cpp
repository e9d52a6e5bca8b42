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

namespace {

// Shortest round-trip digits in scientific form (std::to_chars), laid out as ECMAScript's
// Number::toString does.
void append_javascript_layout(std::string& text, std::string_view scientific) {
    const bool negative = scientific.front() == '-';
    const auto e = scientific.find('e');
    char digit_buffer[32];
    std::size_t k = 0;
    for (char c : scientific.substr(negative ? 1 : 0, e - (negative ? 1 : 0)))
        if (c != '.' && k < sizeof digit_buffer) digit_buffer[k++] = c;
    const std::string_view digits(digit_buffer, k);
    int exponent = 0;
    std::from_chars(scientific.data() + e + 1 + (scientific[e + 1] == '+' ? 1 : 0),
                    scientific.data() + scientific.size(), exponent);
    const int n = exponent + 1;  // value = 0.digits × 10^n
    const int kk = static_cast<int>(k);
    if (negative) text += '-';
    if (kk <= n && n <= 21) {
        text += digits;
        text.append(static_cast<std::size_t>(n - kk), '0');
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
}

template <typename Number>
void append_number(std::string& out, Number value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    if (value == 0) {  // also -0, as JavaScript prints it
        out += '0';
        return;
    }
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    if (error != std::errc{}) {
        out += "null";
        return;
    }
    append_javascript_layout(out, std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

}  // namespace

std::string number_text(double value) {
    std::string text;
    append_number(text, value);
    return text;
}

void append_number_text(std::string& out, double value) { append_number(out, value); }

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (byte < 0x20) {
                    out += "\\u00";
                    out += kHex[byte >> 4];
                    out += kHex[byte & 15];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

void append_float_text(std::string& out, float value) { append_number(out, value); }

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
