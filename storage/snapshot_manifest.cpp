#include "storage/snapshot_manifest.hpp"

#include <fcntl.h>

#include <charconv>
#include <cstdio>

#include "storage/crc32c.hpp"
#include "storage/posix_file.hpp"

namespace braid::storage {
namespace {

constexpr std::string_view kHeaderWord = "braid-snapshot ";
constexpr std::string_view kSequenceWord = "sequence ";
constexpr std::string_view kFileWord = "file ";
constexpr std::string_view kChecksumWord = "checksum ";

std::string hex8(std::uint32_t value) {
    char out[9];
    std::snprintf(out, sizeof out, "%08x", value);
    return out;
}

template <typename Int>
bool parse_number(std::string_view text, Int& value, int base = 10) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return ec == std::errc() && end == text.data() + text.size();
}

// Splits off the text up to the next space.
std::string_view take_word(std::string_view& rest) {
    const std::size_t space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return word;
}

}  // namespace

std::string encode_manifest(const Manifest& manifest) {
    std::string text = std::string(kHeaderWord) + std::to_string(manifest.version) + "\n";
    text += std::string(kSequenceWord) + std::to_string(manifest.sequence) + "\n";
    for (const ManifestEntry& f : manifest.files) {
        text += std::string(kFileWord) + std::to_string(f.size) + " " + hex8(f.crc) + " " + f.name + "\n";
    }
    text += std::string(kChecksumWord) + hex8(crc32c(text)) + "\n";
    return text;
}

std::optional<Manifest> decode_manifest(std::string_view text, std::string& problem) {
    if (!text.ends_with('\n')) {
        problem = "MANIFEST is incomplete (no final line break)";
        return std::nullopt;
    }
    const std::size_t last_line = text.rfind('\n', text.size() - 2);
    const std::size_t body_end = last_line == std::string_view::npos ? 0 : last_line + 1;
    std::string_view checksum_line = text.substr(body_end, text.size() - body_end - 1);
    std::uint32_t stored = 0;
    if (!checksum_line.starts_with(kChecksumWord) ||
        !parse_number(checksum_line.substr(kChecksumWord.size()), stored, 16)) {
        problem = "MANIFEST has no checksum line at its end (incomplete or damaged)";
        return std::nullopt;
    }
    const std::string_view body = text.substr(0, body_end);
    if (crc32c(body) != stored) {
        problem = "MANIFEST checksum mismatch (damaged)";
        return std::nullopt;
    }

    Manifest manifest;
    std::size_t line_number = 0;
    for (std::size_t pos = 0; pos < body.size();) {
        const std::size_t eol = body.find('\n', pos);
        std::string_view line = body.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_number;
        const auto bad = [&](std::string_view why) {
            problem = "MANIFEST line " + std::to_string(line_number) + ": " + std::string(why);
            return std::nullopt;
        };
        if (line_number == 1) {
            if (!line.starts_with(kHeaderWord) || !parse_number(line.substr(kHeaderWord.size()), manifest.version)) {
                return bad("not a braid snapshot manifest");
            }
            if (manifest.version != kManifestVersion) {
                return bad("format version " + std::to_string(manifest.version) + " is not supported (expected " +
                           std::to_string(kManifestVersion) + ")");
            }
        } else if (line_number == 2) {
            if (!line.starts_with(kSequenceWord) ||
                !parse_number(line.substr(kSequenceWord.size()), manifest.sequence)) {
                return bad("expected `sequence <number>`");
            }
        } else {
            if (!line.starts_with(kFileWord)) return bad("expected `file <size> <crc32c> <name>`");
            std::string_view rest = line.substr(kFileWord.size());
            ManifestEntry entry;
            if (!parse_number(take_word(rest), entry.size) || !parse_number(take_word(rest), entry.crc, 16) ||
                rest.empty()) {
                return bad("expected `file <size> <crc32c> <name>`");
            }
            entry.name = std::string(rest);
            manifest.files.push_back(std::move(entry));
        }
    }
    if (line_number < 2) {
        problem = "MANIFEST lacks its header lines";
        return std::nullopt;
    }
    return manifest;
}

ManifestEntry digest_file(const std::filesystem::path& file, bool sync) {
    const FileDescriptor fd = open_file(file, O_RDONLY);
    ManifestEntry entry;
    entry.name = file.filename().string();
    std::string buffer(1 << 20, '\0');
    for (;;) {
        const std::size_t n = read_up_to(fd, buffer.data(), buffer.size());
        if (n == 0) break;
        entry.crc = crc32c(std::string_view(buffer.data(), n), entry.crc);
        entry.size += n;
    }
    if (sync) sync_all(fd);
    return entry;
}

std::string read_whole_file(const std::filesystem::path& file) {
    const FileDescriptor fd = open_file(file, O_RDONLY);
    std::string text(size_of(fd), '\0');
    text.resize(read_up_to(fd, text.data(), text.size()));
    return text;
}

}  // namespace braid::storage
