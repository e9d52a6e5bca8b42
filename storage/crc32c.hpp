#pragma once
#include <cstdint>
#include <string_view>

namespace braid::storage {

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), software tables, slicing by 8.
// `seed` is a previous result to continue from: crc32c(b, crc32c(a)) == crc32c(a + b).
std::uint32_t crc32c(std::string_view bytes, std::uint32_t seed = 0);

}  // namespace braid::storage
