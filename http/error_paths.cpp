#include "http/error_paths.hpp"

#include <array>
#include <utility>

namespace braid::http {

std::string_view default_error_path(std::string_view type, unsigned status) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> by_type{{
        {"unauthorized", error_path::authorization},
        {"forbidden", error_path::authorization},
        {"keys_disabled", error_path::authorization},
        {"unsupported_media_type", error_path::content_type},
        {"header_too_large", error_path::headers},
        {"payload_too_large", error_path::body},
        {"parse_error", error_path::body},
        {"route_not_found", error_path::url},
        {"invalid_path", error_path::url},
        {"method_not_allowed", error_path::method},
        {"bad_request", error_path::request},
        {"invalid_name", error_path::url_name},
        {"collection_not_found", error_path::url_name},
        {"collection_exists", error_path::url_name},
        {"document_not_found", error_path::url_id},
        {"key_not_found", error_path::url_id},
    }};
    for (const auto& [name, path] : by_type)
        if (name == type) return path;
    return status >= 500 ? error_path::server : error_path::body;
}

}  // namespace braid::http
