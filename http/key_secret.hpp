#pragma once
#include <string>
#include <string_view>

namespace braid::http {

// A new API key: "braid_" and 43 characters of base64url from 32 random bytes (OpenSSL RAND_bytes).
std::string new_key_secret();
// A new public key id: "k_" and 12 hex digits.
std::string new_key_id();
// Lowercase hex SHA-256, how a created key is stored and looked up.
std::string sha256_hex(std::string_view text);

}  // namespace braid::http
