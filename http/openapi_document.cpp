#include "http/openapi_document.hpp"

#include <string>

namespace braid::http {

Response openapi_document() {
    Response response;
    response.body = std::string(openapi_json());
    return response;
}

}  // namespace braid::http
