#include "storage/wal_record.hpp"

#include "storage/crc32c.hpp"

namespace braid::storage {
namespace {

void store_le(char* out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t load_le(const char* in, int bytes) {
    std::uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) value |= std::uint64_t(static_cast<unsigned char>(in[i])) << (8 * i);
    return value;
}

std::uint32_t finish_checksum(std::uint32_t payload_crc, std::uint64_t sequence) {
    char sequence_bytes[8];
    store_le(sequence_bytes, sequence, 8);
    return crc32c(std::string_view(sequence_bytes, 8), payload_crc);
}

}  // namespace

EncodedRecord::EncodedRecord(std::string_view payload)
    : bytes_(kRecordHeaderSize + payload.size(), '\0'), payload_crc_(crc32c(payload)) {
    store_le(bytes_.data(), kRecordMagic, 4);
    store_le(bytes_.data() + 4, payload.size(), 4);
    bytes_.replace(kRecordHeaderSize, payload.size(), payload);
}

void EncodedRecord::stamp(std::uint64_t sequence) {
    store_le(bytes_.data() + 8, sequence, 8);
    store_le(bytes_.data() + 16, finish_checksum(payload_crc_, sequence), 4);
}

RecordHeader decode_header(const char* bytes) {
    RecordHeader h;
    h.magic = static_cast<std::uint32_t>(load_le(bytes, 4));
    h.length = static_cast<std::uint32_t>(load_le(bytes + 4, 4));
    h.sequence = load_le(bytes + 8, 8);
    h.checksum = static_cast<std::uint32_t>(load_le(bytes + 16, 4));
    return h;
}

std::uint32_t record_checksum(std::uint64_t sequence, std::string_view payload) {
    return finish_checksum(crc32c(payload), sequence);
}

}  // namespace braid::storage
