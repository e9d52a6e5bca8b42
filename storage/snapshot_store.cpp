#include "storage/snapshot_store.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <system_error>

#include "core/error.hpp"
#include "storage/posix_file.hpp"
#include "storage/snapshot_manifest.hpp"

namespace braid::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSnapshotPrefix = "snap-";
constexpr std::string_view kTempPrefix = "tmp-snap-";

std::string snapshot_dir_name(std::uint64_t sequence) {
    char digits[21];
    std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(sequence));
    return std::string(kSnapshotPrefix) + digits;
}

std::optional<std::uint64_t> parse_snapshot_dir_name(std::string_view name) {
    if (name.size() != kSnapshotPrefix.size() + 20 || !name.starts_with(kSnapshotPrefix)) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : name.substr(kSnapshotPrefix.size())) {
        if (c < '0' || c > '9') return std::nullopt;
        const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::string random_suffix() {
    std::random_device device;
    char out[17];
    std::snprintf(out, sizeof out, "%08x%08x", device(), device());
    return out;
}

// Committed snapshots under root, newest first.
std::vector<SnapshotInfo> list_snapshots(const fs::path& root) {
    std::vector<SnapshotInfo> found;
    std::error_code ec;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_directory(ec)) continue;
        if (auto sequence = parse_snapshot_dir_name(it->path().filename().string())) {
            found.push_back(SnapshotInfo{*sequence, it->path()});
        }
    }
    if (ec && ec != std::errc::no_such_file_or_directory) throw_io_error("cannot list", root, ec.value());
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.sequence > b.sequence; });
    return found;
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) throw_io_error("cannot rename " + from.string() + " to", to, ec.value());
}

// Empty when the snapshot verifies; else what is wrong, naming the bad file.
std::string verify_snapshot(const SnapshotInfo& snapshot) {
    const fs::path manifest_path = snapshot.dir / kManifestName;
    std::error_code ec;
    if (!fs::exists(manifest_path, ec)) return "MANIFEST is missing (snapshot incomplete)";
    std::string problem;
    std::optional<Manifest> manifest;
    try {
        manifest = decode_manifest(read_whole_file(manifest_path), problem);
    } catch (const Error& e) {
        return e.what();
    }
    if (!manifest) return problem;
    if (manifest->sequence != snapshot.sequence) {
        return "MANIFEST says sequence " + std::to_string(manifest->sequence) + " but the folder is named for " +
               std::to_string(snapshot.sequence);
    }
    for (const ManifestEntry& expected : manifest->files) {
        const fs::path relative = fs::path(expected.name).lexically_normal();
        const std::string label = "file " + expected.name + ": ";
        if (relative.is_absolute() || relative.empty() || *relative.begin() == "..") {
            return label + "MANIFEST names a path outside the snapshot";
        }
        const fs::path file = snapshot.dir / relative;
        const auto size = fs::file_size(file, ec);
        if (ec) return label + "missing or unreadable (" + ec.message() + ")";
        if (size != expected.size) {
            return label + "size " + std::to_string(size) + " bytes but MANIFEST says " + std::to_string(expected.size);
        }
        try {
            if (digest_file(file, false).crc != expected.crc) return label + "checksum mismatch (damaged)";
        } catch (const Error& e) {
            return label + e.what();
        }
    }
    return {};
}

}  // namespace

SnapshotStore::SnapshotStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path SnapshotStore::begin(std::uint64_t sequence) {
    create_directories_durably(root_);
    std::error_code ec;
    const fs::path dir = root_ / (std::string(kTempPrefix) + std::to_string(sequence) + "-" + random_suffix());
    fs::create_directory(dir, ec);
    if (ec) throw_io_error("cannot create", dir, ec.value());
    return dir;
}

SnapshotInfo SnapshotStore::commit(std::uint64_t sequence, const std::filesystem::path& temp_dir, std::size_t keep) {
    Manifest manifest;
    manifest.sequence = sequence;
    std::vector<fs::path> folders;  // fsynced deepest first, so every entry is durable before the rename
    std::error_code ec;
    for (fs::recursive_directory_iterator it(temp_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path relative = it->path().lexically_relative(temp_dir);
        const std::string name = relative.generic_string();
        const bool is_folder = it->is_directory(ec) && !it->is_symlink(ec);
        if ((!is_folder && !it->is_regular_file(ec)) || it->is_symlink(ec) || name == kManifestName ||
            name.find('\n') != std::string::npos) {
            throw Error(ErrorKind::internal, "snapshot_layout",
                        "snapshot folder " + temp_dir.string() + " may hold only plain files and folders (no symlinks, "
                        "no line breaks in names, no top-level " + std::string(kManifestName) + "), found " + name);
        }
        if (is_folder) {
            folders.push_back(it->path());
            continue;
        }
        ManifestEntry entry = digest_file(it->path(), true);
        entry.name = name;
        manifest.files.push_back(std::move(entry));
    }
    if (ec) throw_io_error("cannot list", temp_dir, ec.value());
    std::sort(manifest.files.begin(), manifest.files.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) fsync_directory(*it);
    write_file_durably(temp_dir / kManifestName, encode_manifest(manifest));
    fsync_directory(temp_dir);

    const fs::path final_dir = root_ / snapshot_dir_name(sequence);
    if (fs::exists(final_dir, ec)) {
        // Same sequence committed again: move the old one aside; the cleanup below removes it.
        rename_or_throw(final_dir, root_ / (std::string(kTempPrefix) + std::to_string(sequence) + "-replaced-" +
                                            random_suffix()));
    }
    rename_or_throw(temp_dir, final_dir);
    fsync_directory(root_);

    // Best effort from here: the new snapshot is in place whatever happens to the old ones.
    // Older snapshots beyond `keep` go. So do newer ones: committing `sequence` means recovery chose
    // an older base than them (they are damaged), and their history has been abandoned.
    std::size_t others_to_keep = std::max<std::size_t>(keep, 1) - 1;
    for (const SnapshotInfo& s : list_snapshots(root_)) {
        if (s.dir == final_dir) continue;
        if (s.sequence > sequence) {
            std::error_code ignored;
            fs::remove_all(s.dir, ignored);
            continue;
        }
        if (others_to_keep > 0) {
            --others_to_keep;
            continue;
        }
        std::error_code ignored;
        fs::remove_all(s.dir, ignored);
    }
    std::error_code list_error;
    for (fs::directory_iterator it(root_, list_error), end; !list_error && it != end; it.increment(list_error)) {
        if (it->path().filename().string().starts_with(kTempPrefix)) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
    try {
        fsync_directory(root_);
    } catch (const Error&) {
    }
    return SnapshotInfo{sequence, final_dir};
}

std::size_t SnapshotStore::remove_unfinished() {
    std::size_t removed = 0;
    std::error_code list_error;
    for (fs::directory_iterator it(root_, list_error), end; !list_error && it != end; it.increment(list_error)) {
        const std::string name = it->path().filename().string();
        // A "-replaced-" folder may hold the only copy of its sequence if a commit died between
        // its two renames: only commit() removes those.
        if (!name.starts_with(kTempPrefix) || name.find("-replaced-") != std::string::npos) continue;
        std::error_code ignored;
        if (fs::remove_all(it->path(), ignored) > 0) ++removed;
    }
    return removed;
}

std::optional<SnapshotInfo> SnapshotStore::latest_valid(std::vector<std::string>& problems) const {
    for (const SnapshotInfo& snapshot : list_snapshots(root_)) {
        const std::string problem = verify_snapshot(snapshot);
        if (problem.empty()) return snapshot;
        problems.push_back("snapshot " + snapshot.dir.filename().string() + " skipped: " + problem);
    }
    return std::nullopt;
}

}  // namespace braid::storage
