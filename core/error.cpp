#include "core/error.hpp"

namespace braid {

std::string_view error_kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_argument: return "invalid_argument";
        case ErrorKind::not_found: return "not_found";
        case ErrorKind::conflict: return "conflict";
        case ErrorKind::payload_too_large: return "payload_too_large";
        case ErrorKind::unsupported_media_type: return "unsupported_media_type";
        case ErrorKind::unauthorized: return "unauthorized";
        case ErrorKind::forbidden: return "forbidden";
        case ErrorKind::method_not_allowed: return "method_not_allowed";
        case ErrorKind::header_too_large: return "header_too_large";
        case ErrorKind::bad_gateway: return "bad_gateway";
        case ErrorKind::unavailable: return "unavailable";
        case ErrorKind::insufficient_storage: return "insufficient_storage";
        case ErrorKind::io: return "io";
        case ErrorKind::internal: return "internal";
    }
    return "internal";
}

}  // namespace braid
