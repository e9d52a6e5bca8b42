#pragma once
// The error an outbound call ends with once retries are exhausted or the failure is final.
#include <string>

#include "core/error.hpp"

namespace braid::net {

// Why the last attempt failed.
enum class FailureCause {
    connect,     // resolve or TCP connect failed (refused, unreachable, timed out)
    timeout,     // no complete answer within the request timeout
    reset,       // the peer closed or reset the connection before answering
    tls,         // handshake or certificate verification failed
    protocol,    // the answer was not valid HTTP/1.1 (or too large)
    status,      // the service answered a retryable status (429, 5xx) every time
    retry_after, // the service asked to wait longer than the client may
};

class NetError : public Error {
public:
    NetError(FailureCause cause, int status, std::string url, const std::string& message)
        : Error(unavailable_cause(cause, status) ? ErrorKind::unavailable : ErrorKind::bad_gateway,
                unavailable_cause(cause, status) ? "upstream_unavailable" : "upstream_error",
                message),
          cause_(cause), status_(status), url_(std::move(url)) {}

    FailureCause cause() const { return cause_; }
    int status() const { return status_; }  // the last HTTP status, 0 when there was none
    const std::string& url() const { return url_; }
    // The service could not be reached or was overloaded (as opposed to answering wrongly).
    bool unavailable() const { return unavailable_cause(cause_, status_); }

private:
    static bool unavailable_cause(FailureCause cause, int status) {
        switch (cause) {
            case FailureCause::connect:
            case FailureCause::timeout:
            case FailureCause::reset:
            case FailureCause::retry_after: return true;
            case FailureCause::status: return status == 429 || status == 502 || status == 503 || status == 504;
            case FailureCause::tls:
            case FailureCause::protocol: return false;
        }
        return false;
    }

    FailureCause cause_;
    int status_;
    std::string url_;
};

}  // namespace braid::net
