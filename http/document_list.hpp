#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "http/query_string.hpp"  // query_parameter

namespace braid::http {

// GET /collections/{name}/documents?limit=&cursor=: documents by id, a page at a time.
constexpr std::size_t kDefaultListLimit = 100;
constexpr std::size_t kMaxListLimit = 1000;

// The cursor of the page after the one ending at `last_id`: opaque to clients (base64url of the
// id), so that a cursor stays valid across writes (the next page starts after that id).
std::string cursor_after(std::string_view last_id);
// The id a cursor resumes after; braid::Error(invalid_argument, "invalid_request", path "cursor") when malformed.
std::string id_of_cursor(std::string_view cursor);

}  // namespace braid::http
