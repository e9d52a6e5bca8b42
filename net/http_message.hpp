#pragma once
// What a caller sends and gets back: plain values, no Beast types.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace braid::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method = "POST";
    std::string url;                 // absolute http:// or https:// URL
    Headers headers;                 // extra headers (Authorization, ...)
    std::string body;
    std::string content_type = "application/json";
};

struct Response {
    int status = 0;
    Headers headers;
    std::string body;

    // The first header named `name` (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
};

}  // namespace braid::net
