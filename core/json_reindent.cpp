#include "core/json_reindent.hpp"

namespace braid {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t next_significant(std::string_view json, std::size_t i) {
    while (i < json.size() && is_space(json[i])) ++i;
    return i;
}

}  // namespace

std::string reindent_json_text(std::string_view json) {
    std::string out;
    out.reserve(json.size() + json.size() / 2);
    std::size_t depth = 0;
    const auto newline = [&] {
        out += '\n';
        out.append(2 * depth, ' ');
    };
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (is_space(c)) continue;
        if (c == '"') {  // copy the string, escapes included, as it is
            const std::size_t start = i++;
            while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
            out.append(json.substr(start, i + 1 - start));
            continue;
        }
        if (c == '{' || c == '[') {
            out += c;
            const std::size_t next = next_significant(json, i + 1);
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {  // empty
                out += json[next];
                i = next;
                continue;
            }
            ++depth;
            newline();
        } else if (c == '}' || c == ']') {
            if (depth > 0) --depth;
            newline();
            out += c;
        } else if (c == ',') {
            out += c;
            newline();
        } else if (c == ':') {
            out += ": ";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace braid
