#include "http/cors.hpp"

#include <algorithm>

namespace braid::http {
namespace {

constexpr std::string_view allowed_headers = "Authorization, Content-Type, X-Request-Id";
constexpr std::string_view max_age_seconds = "600";

std::string joined(const std::vector<std::string>& methods) {
    std::string out;
    for (const auto& method : methods) out += (out.empty() ? "" : ", ") + method;
    return out;
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins)
    : origins_(std::move(origins)), any_(std::find(origins_.begin(), origins_.end(), "*") != origins_.end()) {}

bool CorsPolicy::allows(std::string_view origin) const {
    if (origin.empty() || !enabled()) return false;
    return any_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

void CorsPolicy::add_headers(std::string_view origin, Response& response) const {
    if (!allows(origin)) return;
    for (const auto& header : response.headers)
        if (header.first == "Access-Control-Allow-Origin") return;  // a preflight has them already
    if (any_) {
        response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    } else {
        response.headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
        response.headers.emplace_back("Vary", "Origin");  // the answer differs by Origin: caches must know
    }
    response.headers.emplace_back("Access-Control-Expose-Headers", "X-Request-Id");
}

Response CorsPolicy::preflight(std::string_view origin, const std::vector<std::string>& methods) const {
    Response response;
    response.status = 204;
    response.content_type.clear();
    response.headers.emplace_back("Allow", joined(methods));
    if (!allows(origin)) return response;
    add_headers(origin, response);
    response.headers.emplace_back("Access-Control-Allow-Methods", joined(methods));
    response.headers.emplace_back("Access-Control-Allow-Headers", std::string(allowed_headers));
    response.headers.emplace_back("Access-Control-Max-Age", std::string(max_age_seconds));
    return response;
}

}  // namespace braid::http
