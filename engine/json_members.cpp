#include "engine/json_members.hpp"

#include <cstdint>

#include "core/error.hpp"

namespace braid::engine {
namespace {

[[noreturn]] void not_an_object() {
    throw Error(ErrorKind::internal, "internal", "a stored document is not a JSON object");
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view text, std::size_t at) {
    while (at < text.size() && is_space(text[at])) ++at;
    return at;
}

// `at` is on an opening quote; returns one past the closing quote.
std::size_t skip_string(std::string_view text, std::size_t at) {
    for (++at; at < text.size(); ++at) {
        if (text[at] == '\\') ++at;
        else if (text[at] == '"') return at + 1;
    }
    not_an_object();
}

std::size_t skip_value(std::string_view text, std::size_t at) {
    if (at >= text.size()) not_an_object();
    if (text[at] == '"') return skip_string(text, at);
    if (text[at] == '{' || text[at] == '[') {
        int depth = 0;
        while (at < text.size()) {
            const char c = text[at];
            if (c == '"') {
                at = skip_string(text, at);
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            else if ((c == '}' || c == ']') && --depth == 0) return at + 1;
            ++at;
        }
        not_an_object();
    }
    while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' && !is_space(text[at])) ++at;
    return at;
}

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::uint32_t hex4(std::string_view text, std::size_t at) {
    std::uint32_t code = 0;
    for (std::size_t i = at; i < at + 4 && i < text.size(); ++i) {
        const char c = text[i];
        code = code * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return code;
}

}  // namespace

std::vector<JsonMember> top_level_members(std::string_view object) {
    std::vector<JsonMember> members;
    std::size_t at = skip_space(object, 0);
    if (at >= object.size() || object[at] != '{') not_an_object();
    at = skip_space(object, at + 1);
    if (at < object.size() && object[at] == '}') return members;
    while (at < object.size()) {
        if (object[at] != '"') not_an_object();
        JsonMember member;
        member.begin = at;
        const std::size_t key_end = skip_string(object, at);
        member.raw_key = object.substr(at + 1, key_end - at - 2);
        at = skip_space(object, key_end);
        if (at >= object.size() || object[at] != ':') not_an_object();
        at = skip_space(object, at + 1);
        member.end = skip_value(object, at);
        members.push_back(member);
        at = skip_space(object, member.end);
        if (at >= object.size()) not_an_object();
        if (object[at] == '}') return members;
        if (object[at] != ',') not_an_object();
        at = skip_space(object, at + 1);
    }
    not_an_object();
}

std::string decoded_key(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\' || i + 1 >= raw.size()) {
            out += raw[i];
            continue;
        }
        const char c = raw[++i];
        switch (c) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                std::uint32_t code = hex4(raw, i + 1);
                i += 4;
                if (code >= 0xD800 && code < 0xDC00 && i + 6 < raw.size() + 1 && raw.substr(i + 1, 2) == "\\u") {
                    const std::uint32_t low = hex4(raw, i + 3);
                    if (low >= 0xDC00 && low < 0xE000) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }
                }
                append_utf8(out, code);
                break;
            }
            default: out += c;  // \" \\ \/
        }
    }
    return out;
}

bool key_equals(std::string_view raw_key, std::string_view name) {
    if (raw_key.find('\\') == std::string_view::npos) return raw_key == name;
    return decoded_key(raw_key) == name;
}

}  // namespace braid::engine
