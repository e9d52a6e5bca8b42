#pragma once
#include <string_view>

namespace braid::http {

// True when a Content-Type header names `expected` (case-insensitive, parameters such as
// "; charset=utf-8" allowed).
bool media_type_is(std::string_view content_type, std::string_view expected);

}  // namespace braid::http
