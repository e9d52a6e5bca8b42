#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace braid::storage {

// One segment file `wal-<20-digit first sequence>.log`.
struct Segment {
    std::uint64_t first_sequence = 0;
    std::filesystem::path path;
};

std::string segment_file_name(std::uint64_t first_sequence);
std::optional<std::uint64_t> parse_segment_file_name(std::string_view name);
// Every segment in `dir`, oldest first. Other files are ignored.
std::vector<Segment> list_segments(const std::filesystem::path& dir);

// What reading one segment found.
struct SegmentScan {
    std::uint64_t intact_records = 0;  // records verified, from the start of the file
    std::uint64_t delivered = 0;       // of those, how many had sequence > after
    std::uint64_t good_bytes = 0;      // offset just past the last intact record
    std::uint64_t file_bytes = 0;
    std::string problem;               // empty when every byte of the file was an intact record
};

// Verifies the records of `segment` in order (each must carry the next sequence, starting at the
// segment's first sequence) and calls fn for the intact ones with sequence > after. Stops at the
// first torn or damaged record and describes it in `problem`; never throws on bad content.
SegmentScan scan_segment(const Segment& segment, std::uint64_t after,
                         const std::function<void(std::uint64_t, std::string_view)>& fn);

}  // namespace braid::storage
