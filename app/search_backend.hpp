#pragma once
#include <memory>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/catalog.hpp"
#include "http/search_request_json.hpp"

namespace braid::app {

// Runs a search body (as POSTed to /collections/{name}/search) and returns the JSON answer,
// either in-process on stored data or over HTTP against a running server.
class SearchBackend {
public:
    virtual ~SearchBackend() = default;
    virtual boost::json::value search(const boost::json::object& body) = 0;
};

std::unique_ptr<SearchBackend> local_backend(std::shared_ptr<engine::Collection> collection,
                                             http::SearchLimits limits);
// `url` is http://HOST:PORT; throws braid::Error(invalid_argument, "usage") for another shape.
std::unique_ptr<SearchBackend> http_backend(const std::string& url, const std::string& collection,
                                            std::optional<std::string> api_key);

}  // namespace braid::app
