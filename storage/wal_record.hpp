#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace braid::storage {

// One log record on disk, all integers little-endian:
//   magic u32 | payload length u32 | sequence u64 | crc32c u32 | payload
// The checksum covers the payload followed by the 8 sequence bytes, so a record moved to another
// position, or a header whose length was damaged, fails verification.
inline constexpr std::uint32_t kRecordMagic = 0x4C415742u;  // "BWAL"
inline constexpr std::size_t kRecordHeaderSize = 20;
inline constexpr std::uint32_t kMaxRecordPayload = 1u << 30;

struct RecordHeader {
    std::uint32_t magic = 0;
    std::uint32_t length = 0;
    std::uint64_t sequence = 0;
    std::uint32_t checksum = 0;
};

// A record whose payload checksum is computed up front (outside any lock); the sequence number
// and final checksum are filled in by stamp() once the log assigns the sequence.
class EncodedRecord {
public:
    explicit EncodedRecord(std::string_view payload);
    void stamp(std::uint64_t sequence);
    std::string_view bytes() const { return bytes_; }

private:
    std::string bytes_;
    std::uint32_t payload_crc_;
};

RecordHeader decode_header(const char* bytes);
std::uint32_t record_checksum(std::uint64_t sequence, std::string_view payload);

}  // namespace braid::storage
