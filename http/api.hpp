#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/search_request_json.hpp"

namespace braid::http {

struct ApiOptions {
    std::optional<std::string> api_key;  // when set, every route but GET /health needs it
    SearchLimits limits;
};

// The REST API of DESIGN.md over a Catalog: authentication, the route table, media types, and
// the mapping of every error to a status and a JSON body. Thread-safe (the Catalog is).
class Api {
public:
    Api(engine::Catalog& catalog, ApiOptions options);

    // Never throws: every failure becomes an error response.
    Response handle(const Request& request) const;

private:
    Response dispatch(const Request& request) const;
    bool authorized(const Request& request) const;

    engine::Catalog& catalog_;
    ApiOptions options_;
    Router router_;
};

}  // namespace braid::http
