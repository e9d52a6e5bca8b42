#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace braid::storage {

// The MANIFEST of a snapshot folder, a small text file:
//   braid-snapshot 1
//   sequence 42
//   file <size> <crc32c, 8 hex digits> <name>      (one line per file)
//   checksum <crc32c of every byte above, 8 hex digits>
inline constexpr std::string_view kManifestName = "MANIFEST";
inline constexpr std::uint32_t kManifestVersion = 1;

struct ManifestEntry {
    std::string name;
    std::uint64_t size = 0;
    std::uint32_t crc = 0;
};

struct Manifest {
    std::uint32_t version = kManifestVersion;
    std::uint64_t sequence = 0;
    std::vector<ManifestEntry> files;
};

std::string encode_manifest(const Manifest& manifest);
// The manifest, or nullopt with `problem` saying what is wrong with the text.
std::optional<Manifest> decode_manifest(std::string_view text, std::string& problem);

// Size and CRC32C of a file, read sequentially; with `sync` the file is also fsynced.
ManifestEntry digest_file(const std::filesystem::path& file, bool sync);
std::string read_whole_file(const std::filesystem::path& file);

}  // namespace braid::storage
