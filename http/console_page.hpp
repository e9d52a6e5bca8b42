#pragma once
#include <string_view>

#include "http/message.hpp"

namespace braid::http {

// The web console: console/index.html, embedded at build time by console/embed.cmake.
std::string_view console_html();
// The Content-Security-Policy it is served with: nothing but its own inline style and script
// (allowed by their SHA-256 hashes) and requests to the same origin.
std::string_view console_content_security_policy();

// GET /: the page as text/html with the policy above. It holds no data, so it needs no API key:
// the page asks for the key when the API answers 401.
Response console_page();

}  // namespace braid::http
