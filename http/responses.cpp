#include "http/responses.hpp"

#include <boost/json/object.hpp>
#include "core/json_text.hpp"
#include "http/error_paths.hpp"

namespace braid::http {

unsigned status_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_argument: return 400;
        case ErrorKind::unauthorized: return 401;
        case ErrorKind::forbidden: return 403;
        case ErrorKind::method_not_allowed: return 405;
        case ErrorKind::header_too_large: return 431;
        case ErrorKind::bad_gateway: return 502;
        case ErrorKind::unavailable: return 503;
        case ErrorKind::insufficient_storage: return 507;
        case ErrorKind::not_found: return 404;
        case ErrorKind::conflict: return 409;
        case ErrorKind::payload_too_large: return 413;
        case ErrorKind::unsupported_media_type: return 415;
        case ErrorKind::io: return 500;
        case ErrorKind::internal: return 500;
    }
    return 500;
}

Response json_response(unsigned status, const boost::json::value& body) {
    Response response;
    response.status = status;
    response.body = json_text(body);
    return response;
}

Response error_response(unsigned status, std::string_view type, std::string_view message,
                        std::string_view path) {
    boost::json::object error;
    error["type"] = type;
    error["message"] = message;
    error["path"] = path.empty() ? default_error_path(type, status) : path;
    boost::json::object body;
    body["error"] = std::move(error);
    Response response;
    response.status = status;
    response.body = json_text(body);
    return response;
}

Response error_response(const Error& error) {
    return error_response(status_for(error.kind()), error.type(), error.what(), error.path());
}

}  // namespace braid::http
