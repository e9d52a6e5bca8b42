#pragma once
// One JSON POST to a model service, with every failure turned into a braid::Error whose type
// says whether the service was unavailable (`<role>_unavailable`) or answered wrongly
// (`<role>_error`), and whose message names the service and the cause.
#include <memory>
#include <string>

#include <boost/json/value.hpp>

#include "net/http_client.hpp"

namespace braid::inference {

struct ServiceEndpoint {
    std::string role;      // "embedder" or "reranker": the prefix of the error types
    std::string label;     // "openai embedder", for messages
    std::string url;       // the full endpoint URL
    std::string api_key;   // sent as a Bearer token when not empty
    std::shared_ptr<net::HttpClient> client;
};

// Sends `body`, expects a 2xx JSON answer and returns it parsed.
boost::json::value post_json(const ServiceEndpoint& endpoint, const boost::json::value& body);

// A `<role>_error` naming the endpoint: for answers that parse but do not have the expected shape.
[[noreturn]] void bad_answer(const ServiceEndpoint& endpoint, const std::string& why);

// A JSON array of numbers as floats, or bad_answer.
std::vector<float> to_floats(const ServiceEndpoint& endpoint, const boost::json::value& v, const char* what);

}  // namespace braid::inference
