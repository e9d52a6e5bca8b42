#pragma once
#include <string>
#include <string_view>

namespace braid::http {

// Whether an Accept-Encoding header admits gzip (a "gzip" or "*" coding whose q is not 0).
bool accepts_gzip(std::string_view accept_encoding);

// The gzip (RFC 1952) form of `bytes`, at zlib's fast level. Throws std::runtime_error if zlib fails.
std::string gzip_compress(std::string_view bytes);

}  // namespace braid::http
