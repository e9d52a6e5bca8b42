#include "http/console_page.hpp"

#include <string>

namespace braid::http {

Response console_page() {
    Response response;
    response.content_type = "text/html; charset=utf-8";
    response.body = std::string(console_html());
    response.headers.emplace_back("Content-Security-Policy", std::string(console_content_security_policy()));
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

}  // namespace braid::http
