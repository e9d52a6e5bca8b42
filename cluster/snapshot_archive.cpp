#include "cluster/snapshot_archive.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/error.hpp"

namespace braid::cluster {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void corrupt(const std::string& why) {
    throw Error(ErrorKind::io, "corrupt_snapshot", "a snapshot archive from a peer: " + why);
}

std::string_view take_line(std::string_view& rest) {
    const auto end = rest.find('\n');
    if (end == std::string_view::npos) corrupt("truncated header");
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return line;
}

}  // namespace

std::string pack_snapshot(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::string out;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        if (!in && !in.eof()) throw Error(ErrorKind::io, "io_error", "cannot read " + file.string());
        out += fs::relative(file, dir).generic_string();
        out += '\n';
        out += std::to_string(bytes.size());
        out += '\n';
        out += bytes;
    }
    return out;
}

void unpack_snapshot(std::string_view archive, const fs::path& dir) {
    fs::create_directories(dir);
    while (!archive.empty()) {
        const fs::path relative = fs::path(std::string(take_line(archive))).lexically_normal();
        if (relative.empty() || relative.is_absolute() || *relative.begin() == "..") corrupt("a path outside the snapshot");
        const std::string_view size_text = take_line(archive);
        std::size_t size = 0;
        const auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size);
        if (ec != std::errc{} || end != size_text.data() + size_text.size() || size > archive.size()) corrupt("bad size");
        const fs::path target = dir / relative;
        fs::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(archive.data(), static_cast<std::streamsize>(size));
        if (!out) throw Error(ErrorKind::io, "io_error", "cannot write " + target.string());
        archive.remove_prefix(size);
    }
}

}  // namespace braid::cluster
