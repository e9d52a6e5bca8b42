#pragma once
// An absolute http:// or https:// URL split into what a connection and a request line need.
#include <string>
#include <string_view>

namespace braid::net {

struct Url {
    std::string scheme;  // "http" or "https"
    std::string host;    // without brackets for IPv6 literals
    std::string port;    // always set: explicit, or 80 / 443
    std::string target;  // path and query, at least "/"

    bool tls() const { return scheme == "https"; }
    // "scheme://host:port": the key of a connection pool.
    std::string origin() const;
    // The Host header value (port omitted when it is the scheme's default).
    std::string host_header() const;
    std::string to_string() const { return origin() + target; }
};

// Throws braid::Error (invalid_argument, "invalid_url") naming the URL and what is wrong.
Url parse_url(std::string_view text);

// `base` + `path` with exactly one slash between them ("http://h/v1/" + "/embeddings").
std::string join_url(std::string_view base, std::string_view path);

}  // namespace braid::net
