#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// write_file_durably, fsync_directory and crc32c, declared here before, live in these two:
#include "storage/crc32c.hpp"
#include "storage/durable_file.hpp"

namespace braid::storage {

struct SnapshotInfo {
    std::uint64_t sequence = 0;          // WAL sequence the snapshot covers (inclusive)
    std::filesystem::path dir;           // folder holding the snapshot's files
};

// Snapshots as folders `snap-<sequence>` under a root, each with a MANIFEST listing its files with
// sizes and CRC32C. Written under a temporary name, fsynced, renamed, and the root fsynced.
class SnapshotStore {
public:
    explicit SnapshotStore(std::filesystem::path root);

    // A fresh temporary folder to write a snapshot's files into.
    std::filesystem::path begin(std::uint64_t sequence);
    // fsyncs every file (sub-folders allowed; MANIFEST names them by relative path) and folder in
    // the temporary folder, writes the MANIFEST, renames it into place, fsyncs the root; then
    // removes older snapshots beyond `keep`, any snapshot newer than `sequence` (an abandoned,
    // damaged history) and leftover temporary folders. One commit at a time per root.
    SnapshotInfo commit(std::uint64_t sequence, const std::filesystem::path& temp_dir, std::size_t keep = 2);
    // Removes the temporary folders of snapshots that never committed (a crash or a full disk
    // mid-snapshot), so they do not hold disk space until the next commit. Returns how many.
    std::size_t remove_unfinished();

    // The newest snapshot whose MANIFEST and files verify. Damaged ones are skipped and each is
    // described (with its file name) in `problems`.
    std::optional<SnapshotInfo> latest_valid(std::vector<std::string>& problems) const;

private:
    std::filesystem::path root_;
};

}  // namespace braid::storage
