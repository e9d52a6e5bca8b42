#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace braid::http {

// Cross-origin access for browser pages on other origins (server.cors_origins). Off when the list
// is empty: no CORS header is ever sent and OPTIONS is not a method of any route.
class CorsPolicy {
public:
    CorsPolicy() = default;
    // Exact origins ("https://app.example.com") or "*" for any.
    explicit CorsPolicy(std::vector<std::string> origins);

    bool enabled() const { return !origins_.empty(); }
    bool allows(std::string_view origin) const;

    // Access-Control-Allow-Origin (and Vary: Origin) on an answer to a request from `origin`,
    // when the policy allows it.
    void add_headers(std::string_view origin, Response& response) const;
    // The answer to a preflight (OPTIONS with Access-Control-Request-Method) for a path that
    // supports `methods`: 204 with Allow-Origin/Methods/Headers and Max-Age when `origin` is
    // allowed; without CORS headers (the browser then refuses) when it is not.
    Response preflight(std::string_view origin, const std::vector<std::string>& methods) const;

private:
    std::vector<std::string> origins_;
    bool any_ = false;
};

}  // namespace braid::http
