#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace braid::dense {

// FNV-1a, 64-bit: detects damaged index files (not an adversary).
class Checksum {
public:
    void update(std::span<const std::byte> bytes) {
        for (const std::byte b : bytes) {
            hash_ ^= static_cast<std::uint64_t>(b);
            hash_ *= 0x100000001b3ULL;
        }
    }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Checksum and size of a whole file; throws braid::Error(io) naming it when it cannot be read.
struct FileDigest {
    std::uint64_t checksum = 0;
    std::uint64_t size = 0;
};
FileDigest digest_file(const std::filesystem::path& path);

}  // namespace braid::dense
