#include "http/highlight_json.hpp"

#include <boost/json/object.hpp>

#include "config/json_kit.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "http/json_body.hpp"

namespace braid::http {

namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& path, const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + message, path);
}

// Read as integers within a generous range; HighlightOptions' own limits are checked by
// lexical::check so that a direct engine caller meets the same rule.
std::size_t read_size(const json::value& value, const std::string& path) {
    return static_cast<std::size_t>(expect_integer(value, path, 0, 1'000'000'000));
}

}  // namespace

engine::HighlightRequest read_highlight(const json::value& value) {
    const std::string path = "highlight";
    const auto& object = expect_object(value, path);
    reject_unknown_members(object, {"fields", "fragment_size", "fragments", "pre", "post", "encoder", "no_match_size"},
                           path);
    engine::HighlightRequest out;
    const json::value* fields = object.if_contains("fields");
    if (!fields) invalid("highlight.fields", "required: the text fields to highlight");
    if (!fields->is_array()) invalid("highlight.fields", "expected an array of field names, got " + describe(*fields));
    const auto& names = fields->get_array();
    if (names.empty()) invalid("highlight.fields", "expected at least one field");
    for (std::size_t i = 0; i < names.size(); ++i)
        out.fields.push_back(expect_string(names[i], config::json_kit::element_path("highlight.fields", i)));
    auto& options = out.options;
    if (auto* v = object.if_contains("fragment_size")) options.fragment_size = read_size(*v, "highlight.fragment_size");
    if (auto* v = object.if_contains("fragments")) options.fragments = read_size(*v, "highlight.fragments");
    if (auto* v = object.if_contains("no_match_size")) options.no_match_size = read_size(*v, "highlight.no_match_size");
    if (auto* v = object.if_contains("pre")) options.pre = expect_string(*v, "highlight.pre");
    if (auto* v = object.if_contains("post")) options.post = expect_string(*v, "highlight.post");
    if (auto* v = object.if_contains("encoder")) {
        const std::string encoder = expect_string(*v, "highlight.encoder");
        if (encoder == "html") options.html = true;
        else if (encoder != "default")
            invalid("highlight.encoder", "expected \"default\" or \"html\", got " + describe(*v));
    }
    engine::check_highlight_options(options);
    return out;
}

void append_highlight(std::string& out, const engine::HitHighlights& highlight) {
    json::object object;
    for (const auto& [field, fragments] : highlight) {
        json::array list;
        for (const auto& f : fragments) list.emplace_back(f);
        object[field] = std::move(list);
    }
    out += ",\"highlight\":";
    append_json_text(out, object);
}

}  // namespace braid::http
