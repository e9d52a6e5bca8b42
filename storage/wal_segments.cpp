#include "storage/wal_segments.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "storage/crc32c.hpp"
#include "storage/posix_file.hpp"
#include "storage/wal_record.hpp"

namespace braid::storage {
namespace {

constexpr std::string_view kPrefix = "wal-";
constexpr std::string_view kSuffix = ".log";
constexpr std::size_t kDigits = 20;

std::string at_offset(std::uint64_t offset) { return "at offset " + std::to_string(offset) + ": "; }

}  // namespace

std::string segment_file_name(std::uint64_t first_sequence) {
    char digits[kDigits + 1];
    std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(first_sequence));
    return std::string(kPrefix) + digits + std::string(kSuffix);
}

std::optional<std::uint64_t> parse_segment_file_name(std::string_view name) {
    if (name.size() != kPrefix.size() + kDigits + kSuffix.size() || !name.starts_with(kPrefix) ||
        !name.ends_with(kSuffix)) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : name.substr(kPrefix.size(), kDigits)) {
        if (c < '0' || c > '9') return std::nullopt;
        const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    if (value == 0) return std::nullopt;  // sequences start at 1
    return value;
}

std::vector<Segment> list_segments(const std::filesystem::path& dir) {
    std::vector<Segment> segments;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        if (auto first = parse_segment_file_name(it->path().filename().string())) {
            segments.push_back(Segment{*first, it->path()});
        }
    }
    if (ec) throw_io_error("cannot list", dir, ec.value());
    std::sort(segments.begin(), segments.end(),
              [](const Segment& a, const Segment& b) { return a.first_sequence < b.first_sequence; });
    return segments;
}

SegmentScan scan_segment(const Segment& segment, std::uint64_t after,
                         const std::function<void(std::uint64_t, std::string_view)>& fn) {
    const FileDescriptor file = open_file(segment.path, O_RDONLY);
    SegmentScan scan;
    scan.file_bytes = size_of(file);
    BufferedReader reader(file);
    std::string payload;
    char header_bytes[kRecordHeaderSize];
    std::uint64_t expected = segment.first_sequence;
    while (scan.good_bytes < scan.file_bytes) {
        const std::uint64_t offset = scan.good_bytes;
        const std::uint64_t remaining = scan.file_bytes - offset;
        if (reader.read(header_bytes, kRecordHeaderSize) < kRecordHeaderSize) {
            scan.problem = at_offset(offset) + "torn record: only " + std::to_string(remaining) +
                           " bytes left of a " + std::to_string(kRecordHeaderSize) + "-byte header";
            break;
        }
        const RecordHeader header = decode_header(header_bytes);
        if (header.magic != kRecordMagic) {
            scan.problem = at_offset(offset) + "not a record (bad magic number)";
            break;
        }
        if (header.length > remaining - kRecordHeaderSize) {
            scan.problem = at_offset(offset) + "torn record: header announces " + std::to_string(header.length) +
                           " payload bytes but only " + std::to_string(remaining - kRecordHeaderSize) +
                           " remain";
            break;
        }
        payload.resize(header.length);
        if (reader.read(payload.data(), header.length) < header.length) {
            scan.problem = at_offset(offset) + "file shrank while being read";
            break;
        }
        if (record_checksum(header.sequence, payload) != header.checksum) {
            scan.problem = at_offset(offset) + "checksum mismatch (record damaged)";
            break;
        }
        if (header.sequence != expected) {
            scan.problem = at_offset(offset) + "record carries sequence " + std::to_string(header.sequence) +
                           " where " + std::to_string(expected) + " was expected";
            break;
        }
        if (header.sequence > after) {
            fn(header.sequence, payload);
            ++scan.delivered;
        }
        ++scan.intact_records;
        ++expected;
        scan.good_bytes = offset + kRecordHeaderSize + header.length;
    }
    return scan;
}

}  // namespace braid::storage
