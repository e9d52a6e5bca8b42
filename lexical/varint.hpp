#pragma once
#include <cstdint>
#include <vector>

namespace braid::lexical {

// LEB128-style variable-byte integers: 7 bits per byte, high bit set on every byte but the last.
inline void put_varint(std::vector<std::uint8_t>& out, std::uint32_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

// Writes v at out (room for 5 bytes) and returns one past the last byte written.
inline std::uint8_t* put_varint(std::uint8_t* out, std::uint32_t v) {
    while (v >= 0x80) {
        *out++ = static_cast<std::uint8_t>(v | 0x80);
        v >>= 7;
    }
    *out++ = static_cast<std::uint8_t>(v);
    return out;
}

// Reads one varint at p and advances p. The caller guarantees the bytes are well formed
// (postings are produced by put_varint; loaded indexes are validated before use).
inline std::uint32_t get_varint(const std::uint8_t*& p) {
    std::uint32_t v = *p & 0x7F;
    if (*p++ < 0x80) return v;
    v |= static_cast<std::uint32_t>(*p & 0x7F) << 7;
    if (*p++ < 0x80) return v;
    v |= static_cast<std::uint32_t>(*p & 0x7F) << 14;
    if (*p++ < 0x80) return v;
    v |= static_cast<std::uint32_t>(*p & 0x7F) << 21;
    if (*p++ < 0x80) return v;
    v |= static_cast<std::uint32_t>(*p++ & 0x0F) << 28;
    return v;
}

}  // namespace braid::lexical
