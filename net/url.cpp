#include "net/url.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"

namespace braid::net {

namespace {

[[noreturn]] void invalid(std::string_view text, const std::string& why) {
    throw Error(ErrorKind::invalid_argument, "invalid_url", "invalid URL '" + std::string(text) + "': " + why);
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::string Url::origin() const {
    const bool v6 = host.find(':') != std::string::npos;
    return scheme + "://" + (v6 ? "[" + host + "]" : host) + ":" + port;
}

std::string Url::host_header() const {
    const bool v6 = host.find(':') != std::string::npos;
    std::string h = v6 ? "[" + host + "]" : host;
    const bool default_port = (tls() && port == "443") || (!tls() && port == "80");
    return default_port ? h : h + ":" + port;
}

Url parse_url(std::string_view text) {
    Url url;
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) invalid(text, "it has no scheme (expected http:// or https://)");
    url.scheme = std::string(text.substr(0, scheme_end));
    std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (url.scheme != "http" && url.scheme != "https") invalid(text, "the scheme must be http or https");
    std::string_view rest = text.substr(scheme_end + 3);
    const auto path_start = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, path_start);
    std::string_view path = path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
    if (const auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
    if (authority.find('@') != std::string_view::npos) invalid(text, "user information in URLs is not supported");
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) invalid(text, "unterminated IPv6 literal");
        url.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') invalid(text, "unexpected characters after the IPv6 literal");
            port = after.substr(1);
            if (port.empty()) invalid(text, "empty port");
        }
    } else {
        const auto colon = authority.rfind(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) invalid(text, "empty port");
        }
    }
    if (url.host.empty()) invalid(text, "it has no host");
    if (!port.empty()) {
        if (!all_digits(port) || port.size() > 5 || std::stoul(std::string(port)) > 65535 ||
            std::stoul(std::string(port)) == 0) {
            invalid(text, "the port must be a number from 1 to 65535");
        }
        url.port = std::string(port);
    } else {
        url.port = url.tls() ? "443" : "80";
    }
    if (path.empty() || path.front() == '?') url.target.push_back('/');
    url.target.append(path);
    return url;
}

std::string join_url(std::string_view base, std::string_view path) {
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    return std::string(base) + "/" + std::string(path);
}

}  // namespace braid::net
