#pragma once
#include <string_view>

#include "http/message.hpp"

namespace braid::http {

// The repository's openapi.yaml as compact JSON, converted when braid is built
// (scripts/openapi_to_cpp.py, run by http/CMakeLists.txt).
std::string_view openapi_json();

// GET /openapi.json.
Response openapi_document();

}  // namespace braid::http
