#include "http/json_body.hpp"

#include <cmath>

#include <boost/json/stream_parser.hpp>
#include <boost/json/error.hpp>
#include <boost/json/serialize.hpp>

#include "config/json_kit.hpp"
#include "core/error.hpp"

namespace braid::http {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& expected,
                       const boost::json::value& got) {
    const std::string where = path.empty() ? "request body" : path;
    throw Error(ErrorKind::invalid_argument, "invalid_request",
                where + ": expected " + expected + ", got " + describe(got), path);
}

}  // namespace

boost::json::value parse_json_body(std::string_view body) { return parse_json_body(body, {}); }

boost::json::value parse_json_body(std::string_view body, boost::json::storage_ptr storage) {
    boost::json::parse_options options;
    options.max_depth = max_json_depth;
    options.allow_invalid_utf8 = false;
    boost::json::error_code ec;
    boost::json::stream_parser parser({}, options);
    parser.reset(std::move(storage));
    std::size_t consumed = parser.write(body.data(), body.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec == boost::json::error::too_deep) {
        throw Error(ErrorKind::invalid_argument, "parse_error",
                    "the body nests deeper than the maximum depth of " +
                        std::to_string(max_json_depth) + " arrays/objects");
    }
    if (ec) {
        throw Error(ErrorKind::invalid_argument, "parse_error",
                    "the body is not valid JSON (" + ec.message() + " near byte " +
                        std::to_string(consumed) + ")");
    }
    return parser.release();
}

std::string join_path(const std::string& parent, std::string_view member) {
    return config::json_kit::member_path(parent, member);
}

std::string describe(const boost::json::value& value) { return config::json_kit::shown(value, 60); }

const boost::json::object& expect_object(const boost::json::value& value, const std::string& path) {
    if (!value.is_object()) fail(path, "an object", value);
    return value.get_object();
}

std::string expect_string(const boost::json::value& value, const std::string& path) {
    if (!value.is_string()) fail(path, "a string", value);
    return std::string(value.get_string());
}

bool expect_bool(const boost::json::value& value, const std::string& path) {
    if (!value.is_bool()) fail(path, "true or false", value);
    return value.get_bool();
}

double expect_number(const boost::json::value& value, const std::string& path) {
    if (!value.is_number()) fail(path, "a number", value);
    const auto number = config::json_kit::finite_number(value);
    if (!number) fail(path, "a finite number", value);
    return *number;
}

std::int64_t expect_integer(const boost::json::value& value, const std::string& path,
                            std::int64_t min, std::int64_t max) {
    const std::string expected =
        "an integer between " + std::to_string(min) + " and " + std::to_string(max);
    const auto number = config::json_kit::integral_value(value);
    if (!number || *number < min || *number > max) fail(path, expected, value);
    return *number;
}

void reject_unknown_members(const boost::json::object& object,
                            std::initializer_list<std::string_view> allowed,
                            const std::string& path) {
    std::string unknown, first;
    for (const auto& member : object) {
        bool known = false;
        for (auto name : allowed) known = known || name == member.key();
        if (known) continue;
        if (unknown.empty()) first = member.key();
        else unknown += ", ";
        unknown.append("\"").append(member.key().data(), member.key().size()).append("\"");
    }
    if (unknown.empty()) return;
    std::string expected;
    for (auto name : allowed) {
        if (!expected.empty()) expected += ", ";
        expected += std::string(name);
    }
    const std::string first_path = join_path(path, first);
    const bool several = unknown.find(',') != std::string::npos;
    throw Error(ErrorKind::invalid_argument, "unknown_member",
                first_path + ": unknown member" + (several ? "s " + unknown : "") +
                    " (expected one of: " + expected + ")",
                first_path);
}

}  // namespace braid::http
