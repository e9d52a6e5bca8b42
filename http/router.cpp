#include "http/router.hpp"

#include <algorithm>
#include <optional>

#include "core/error.hpp"
#include "http/utf8.hpp"

namespace braid::http {
namespace {

bool is_placeholder(std::string_view segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        const int hi = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
            throw Error(ErrorKind::invalid_argument, "invalid_path",
                        "malformed percent-escape in the request path: " + sanitize_utf8(text));
        }
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

std::vector<std::string> split_path(std::string_view target) {
    const auto query = target.find_first_of("?#");
    std::string_view path = target.substr(0, query);
    std::vector<std::string> segments;
    std::size_t start = 0;
    if (!path.empty() && path.front() == '/') start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        if (end == path.size() && start == path.size()) break;  // trailing slash or empty path
        segments.push_back(percent_decode(path.substr(start, end - start)));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return segments;
}

void Router::add(Route route) {
    Compiled compiled;
    compiled.segments = split_path(route.pattern);
    compiled.literals = static_cast<std::size_t>(std::count_if(
        compiled.segments.begin(), compiled.segments.end(),
        [](const std::string& s) { return !is_placeholder(s); }));
    compiled.route = std::move(route);
    routes_.push_back(std::move(compiled));
    std::stable_sort(routes_.begin(), routes_.end(), [](const Compiled& a, const Compiled& b) {
        return a.literals > b.literals;
    });
}

Router::Match Router::match(std::string_view method,
                            const std::vector<std::string>& segments) const {
    Match result;
    std::optional<std::size_t> literals;  // of the first pattern that fits: routes_ is sorted by it
    for (const auto& candidate : routes_) {
        if (candidate.segments.size() != segments.size()) continue;
        // A path a more literal pattern fits belongs to it alone: "documents/_bulk" is never a
        // document id, whatever the method (GET on it is a 405, not a lookup of "_bulk").
        if (literals && candidate.literals < *literals) break;
        PathParams params;
        bool fits = true;
        for (std::size_t i = 0; i < segments.size() && fits; ++i) {
            if (is_placeholder(candidate.segments[i])) {
                if (segments[i].empty()) fits = false;
                else params.push_back(segments[i]);
            } else {
                fits = candidate.segments[i] == segments[i];
            }
        }
        if (!fits) continue;
        literals = candidate.literals;
        if (std::find(result.allowed.begin(), result.allowed.end(), candidate.route.method) ==
            result.allowed.end()) {
            result.allowed.push_back(candidate.route.method);
        }
        if (!result.route && candidate.route.method == method) {
            result.route = &candidate.route;
            result.params = std::move(params);
        }
    }
    return result;
}

}  // namespace braid::http
