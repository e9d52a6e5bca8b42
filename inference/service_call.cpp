#include "inference/service_call.hpp"

#include <boost/json.hpp>

#include "net/net_error.hpp"

namespace braid::inference {

namespace json = boost::json;

namespace {

std::string snippet(const std::string& body) {
    constexpr std::size_t limit = 300;
    std::string s = body.size() > limit ? body.substr(0, limit) + "..." : body;
    for (char& c : s) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
}

}  // namespace

void bad_answer(const ServiceEndpoint& endpoint, const std::string& why) {
    throw Error(ErrorKind::bad_gateway, endpoint.role + "_error", endpoint.label + " at " + endpoint.url + ": " + why);
}

json::value post_json(const ServiceEndpoint& endpoint, const json::value& body) {
    net::Request request;
    request.url = endpoint.url;
    request.body = json::serialize(body);
    if (!endpoint.api_key.empty()) request.headers.emplace_back("Authorization", "Bearer " + endpoint.api_key);
    net::Response response;
    try {
        response = endpoint.client->send(request);
    } catch (const net::NetError& e) {
        throw Error(e.unavailable() ? ErrorKind::unavailable : ErrorKind::bad_gateway,
                    endpoint.role + (e.unavailable() ? "_unavailable" : "_error"),
                    endpoint.label + ": " + e.what());
    }
    if (response.status < 200 || response.status > 299) {
        std::string why = "HTTP " + std::to_string(response.status);
        if (response.status == 401 || response.status == 403) why += " (check the API key)";
        bad_answer(endpoint, why + (response.body.empty() ? std::string() : ": " + snippet(response.body)));
    }
    json::error_code ec;
    json::value parsed = json::parse(response.body, ec);
    if (ec) bad_answer(endpoint, "the answer is not JSON (" + ec.message() + "): " + snippet(response.body));
    return parsed;
}

std::vector<float> to_floats(const ServiceEndpoint& endpoint, const json::value& v, const char* what) {
    if (!v.is_array()) bad_answer(endpoint, std::string(what) + " is not an array of numbers");
    std::vector<float> out;
    out.reserve(v.as_array().size());
    for (const auto& x : v.as_array()) {
        if (!x.is_number()) bad_answer(endpoint, std::string(what) + " holds a non-number");
        out.push_back(static_cast<float>(x.to_number<double>()));
    }
    return out;
}

}  // namespace braid::inference
