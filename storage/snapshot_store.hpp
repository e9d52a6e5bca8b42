#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
    // fsyncs every file in the temporary folder, writes the MANIFEST, renames it into place,
    // fsyncs the root; then removes older snapshots beyond `keep`.
    SnapshotInfo commit(std::uint64_t sequence, const std::filesystem::path& temp_dir, std::size_t keep = 2);

    // The newest snapshot whose MANIFEST and files verify. Damaged ones are skipped and each is
    // described (with its file name) in `problems`.
    std::optional<SnapshotInfo> latest_valid(std::vector<std::string>& problems) const;

private:
    std::filesystem::path root_;
};

// Writes `bytes` to `file` and fsyncs it. Throws braid::Error(io).
void write_file_durably(const std::filesystem::path& file, std::string_view bytes);
void fsync_directory(const std::filesystem::path& dir);
std::uint32_t crc32c(std::string_view bytes, std::uint32_t seed = 0);

}  // namespace braid::storage
