#include "cluster/nats_error.hpp"

#include <string>

#include "core/error.hpp"

namespace braid::cluster {

void throw_nats_error(std::string_view what, natsStatus status, jsErrCode js_error) {
    std::string message = std::string(what) + ": " + natsStatus_GetText(status);
    natsStatus last_status = NATS_OK;
    const char* detail = nats_GetLastError(&last_status);
    // The thread's last libnats error, when it is this one's (else it is stale, e.g. an absent header).
    if (last_status == status && detail != nullptr && *detail != '\0' && message.find(detail) == std::string::npos)
        message += " (" + std::string(detail) + ")";
    if (js_error != 0) message += " [JetStream error " + std::to_string(static_cast<int>(js_error)) + "]";
    switch (status) {
    case NATS_INVALID_ARG:
        throw Error(ErrorKind::invalid_argument, "nats_invalid_argument", message);
    case NATS_MAX_PAYLOAD:
        throw Error(ErrorKind::payload_too_large, "record_too_large", message);
    case NATS_NOT_FOUND:
        throw Error(ErrorKind::not_found, "nats_not_found", message);
    case NATS_TIMEOUT:
        throw Error(ErrorKind::unavailable, "nats_timeout", message);
    default:
        throw Error(ErrorKind::unavailable, "nats_unavailable", message);
    }
}

}  // namespace braid::cluster
