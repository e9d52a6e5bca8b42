#pragma once
// libnats status codes as braid::Error. Only for the .cpp files of cluster/ (includes nats.h).
#include <string_view>

#include <nats/nats.h>

namespace braid::cluster {

// Throws braid::Error naming `what`, the status text, libnats' last error detail and the
// JetStream error code when there is one. Kind: invalid_argument for NATS_INVALID_ARG,
// not_found for NATS_NOT_FOUND, payload_too_large for NATS_MAX_PAYLOAD (a record over the
// servers' max_payload, 1 MB unless configured), unavailable for everything else (server down,
// timeout, no quorum).
[[noreturn]] void throw_nats_error(std::string_view what, natsStatus status, jsErrCode js_error = static_cast<jsErrCode>(0));

// Calls throw_nats_error unless status is NATS_OK.
inline void check_nats(std::string_view what, natsStatus status, jsErrCode js_error = static_cast<jsErrCode>(0)) {
    if (status != NATS_OK) throw_nats_error(what, status, js_error);
}

}  // namespace braid::cluster
