#pragma once
#include <string>
#include <utility>
#include <vector>

namespace braid::http {

// A request as the handlers see it: no Beast types, so handlers and the route table can be
// tested without a socket.
struct Request {
    std::string method;         // "GET", "PUT", ...
    std::string target;         // raw request target, e.g. "/collections/a/documents/x%2Fy?pretty"
    std::string content_type;   // the Content-Type header as sent ("" when absent)
    std::string authorization;  // the Authorization header as sent ("" when absent)
    std::string accept_encoding;  // the Accept-Encoding header as sent ("" when absent)
    std::string request_id;     // X-Request-Id as sent when it is sane, else one made up (session)
    std::string origin;         // Origin as sent ("" when absent): CORS
    std::string cors_request_method;  // Access-Control-Request-Method ("" when absent): a preflight
    std::string body;
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers (e.g. Allow)
    // HEAD: the headers (Content-Length included) of the answer a GET gets, without its body.
    bool omit_body = false;
    // For the access log, not sent: the matched route's pattern ("" when none) and the
    // collection the request named.
    std::string route;
    std::string collection;
};

}  // namespace braid::http
