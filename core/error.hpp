#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace braid {

// The typed category every module error carries; http/ maps each to one status code.
enum class ErrorKind {
    invalid_argument,        // 400: the request or document is wrong
    not_found,               // 404
    conflict,                // 409
    payload_too_large,       // 413
    unsupported_media_type,  // 415
    method_not_allowed,      // 405
    header_too_large,        // 431
    bad_gateway,             // 502: an outside service (embedder, reranker) answered badly
    unavailable,             // 503: an outside service cannot be reached or is overloaded
    insufficient_storage,    // 507: the data directory's disk is (nearly) full
    unauthorized,            // 401: no valid key
    forbidden,               // 403: a valid key that may not do this
    io,                      // 500: disk trouble
    internal,                // 500
};

std::string_view error_kind_name(ErrorKind kind);

class Error : public std::runtime_error {
public:
    // `type` is a short machine-readable name ("invalid_vector", "parse_error", ...);
    // `path` is the JSON path of the offending member, when there is one.
    Error(ErrorKind kind, std::string type, std::string message, std::string path = {})
        : std::runtime_error(message), kind_(kind), type_(std::move(type)), path_(std::move(path)) {}

    ErrorKind kind() const { return kind_; }
    const std::string& type() const { return type_; }
    const std::string& path() const { return path_; }

private:
    ErrorKind kind_;
    std::string type_;
    std::string path_;
};

}  // namespace braid
