#pragma once
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace braid::http {

// A JSON body with a status.
Response json_response(unsigned status, const boost::json::value& body);

// The one status code of each error category (DESIGN.md).
unsigned status_for(ErrorKind kind);

// {"error":{"type":...,"message":...,"path":...}} with the status of the error's kind;
// "path" is always there: the error's own, else default_error_path (http/error_paths.hpp).
Response error_response(const Error& error);
Response error_response(unsigned status, std::string_view type, std::string_view message,
                        std::string_view path = {});

}  // namespace braid::http
