#include "engine/stored_id.hpp"

#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"

namespace braid::engine {

namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string with_id_member(std::string_view object_text, const std::string& id_field, const std::string& id) {
    std::size_t open = 0;
    while (open < object_text.size() && is_json_space(object_text[open])) ++open;
    if (open == object_text.size() || object_text[open] != '{')
        throw Error(ErrorKind::internal, "internal", "a stored document must be a JSON object");
    std::size_t next = open + 1;
    while (next < object_text.size() && is_json_space(object_text[next])) ++next;
    const bool empty = next < object_text.size() && object_text[next] == '}';

    std::string out = "{";
    append_json_text(out, boost::json::value(boost::json::string(id_field)));
    out += ':';
    append_json_text(out, boost::json::value(boost::json::string(id)));
    if (!empty) out += ',';
    out.append(object_text.substr(next));
    return out;
}

}  // namespace braid::engine
