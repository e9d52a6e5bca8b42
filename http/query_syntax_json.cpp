#include "http/query_syntax_json.hpp"

#include <charconv>

#include "core/error.hpp"
#include "http/json_body.hpp"

namespace braid::http {
namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& path, const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + message, path);
}

engine::MinimumShouldMatch read_minimum_should_match(const json::value& value) {
    const std::string path = "minimum_should_match";
    engine::MinimumShouldMatch out;
    if (value.is_int64() || value.is_uint64()) {
        out.value = static_cast<int>(expect_integer(value, path, -1000000, 1000000));
        return out;
    }
    if (!value.is_string()) invalid(path, "expected an integer or a string such as \"2\", \"75%\" or \"-25%\", got " + describe(value));
    std::string_view text = value.get_string();
    out.percent = !text.empty() && text.back() == '%';
    if (out.percent) text.remove_suffix(1);
    int n = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, n);
    if (text.empty() || ec != std::errc() || end != last)
        invalid(path, "expected an integer or a percentage such as \"75%\" or \"-25%\", got " + describe(value));
    if (out.percent && (n < -100 || n > 100)) invalid(path, "a percentage must lie between -100% and 100%");
    out.value = n;
    return out;
}

engine::Fuzziness read_fuzziness(const json::value& value) {
    engine::Fuzziness out;
    if (value.is_string()) {
        if (value.get_string() != "auto" && value.get_string() != "AUTO")
            invalid("fuzziness", "expected \"auto\" or 0, 1 or 2, got " + describe(value));
        return out;
    }
    out.automatic = false;
    out.edits = static_cast<int>(expect_integer(value, "fuzziness", 0, 2));
    return out;
}

}  // namespace

void read_query_syntax(const json::object& body, engine::SearchRequest& request) {
    auto& options = request.syntax;
    if (auto* syntax = body.if_contains("syntax")) {
        const std::string name = expect_string(*syntax, "syntax");
        if (name == "simple") options.simple = true;
        else if (name != "plain") invalid("syntax", "expected \"plain\" or \"simple\", got " + describe(*syntax));
    }
    if (auto* msm = body.if_contains("minimum_should_match")) {
        if (!request.query) invalid("minimum_should_match", "needs a \"query\"");
        options.minimum_should_match = read_minimum_should_match(*msm);
    }
    for (const char* member : {"fuzziness", "prefix_length", "max_expansions"})
        if (body.contains(member) && !options.simple)
            invalid(member, "applies to the simple syntax (\"syntax\": \"simple\")");
    if (auto* f = body.if_contains("fuzziness")) options.fuzziness = read_fuzziness(*f);
    if (auto* p = body.if_contains("prefix_length"))
        options.prefix_length = static_cast<std::size_t>(
            expect_integer(*p, "prefix_length", 0, static_cast<std::int64_t>(engine::SyntaxOptions::kMaxPrefixLength)));
    if (auto* m = body.if_contains("max_expansions"))
        options.max_expansions = static_cast<std::size_t>(
            expect_integer(*m, "max_expansions", 1, static_cast<std::int64_t>(engine::SyntaxOptions::kMaxExpansions)));
    if (options.simple && !request.query) invalid("syntax", "\"syntax\": \"simple\" needs a \"query\"");
}

}  // namespace braid::http
