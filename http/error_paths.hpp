#pragma once
#include <string_view>

namespace braid::http {

// Every error body carries "path": where in the request the fault lies. A member of the JSON body
// is named by its JSON path ("fusion.alpha", "vector[2]"); faults that are not in one member are
// named with a leading '$' (README, "Errors"):
//   $body                the body as a whole (not JSON, not an object, too large)
//   $line                one NDJSON line of a bulk body as a whole (its number is in "line")
//   $header.<Name>       a request header ($header.Authorization, $header.Content-Type)
//   $url                 the request path as a whole (no such route, malformed escape)
//   $url.name, $url.id   a segment of the request path ({name}, {id})
//   $method              the method (405)
//   $query.<name>        a query-string parameter
//   $request             the HTTP message itself (malformed)
//   $server              nothing the client sent: the server failed (5xx)
namespace error_path {
inline constexpr std::string_view body = "$body";
inline constexpr std::string_view line = "$line";
inline constexpr std::string_view authorization = "$header.Authorization";
inline constexpr std::string_view content_type = "$header.Content-Type";
inline constexpr std::string_view headers = "$header";
inline constexpr std::string_view url = "$url";
inline constexpr std::string_view url_name = "$url.name";
inline constexpr std::string_view url_id = "$url.id";
inline constexpr std::string_view method = "$method";
inline constexpr std::string_view request = "$request";
inline constexpr std::string_view server = "$server";
}  // namespace error_path

// The path an error without one of its own is answered with, from its type and status.
std::string_view default_error_path(std::string_view type, unsigned status);

}  // namespace braid::http
