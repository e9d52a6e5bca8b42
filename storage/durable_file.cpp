#include "storage/durable_file.hpp"

#include <fcntl.h>

#include <system_error>
#include <vector>

#include "storage/posix_file.hpp"

namespace braid::storage {

void write_file_durably(const std::filesystem::path& file, std::string_view bytes) {
    FileDescriptor fd = open_file(file, O_WRONLY | O_CREAT | O_TRUNC);
    write_all(fd, bytes);
    sync_all(fd);
    fd.close();
}

void fsync_directory(const std::filesystem::path& dir) {
    const FileDescriptor fd = open_file(dir, O_RDONLY | O_DIRECTORY);
    sync_all(fd);
}

void create_directories_durably(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> missing;  // deepest first
    std::error_code ec;
    for (std::filesystem::path p = dir; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (!std::filesystem::create_directory(*it, ec) && ec) throw_io_error("cannot create the folder", *it, ec.value());
        const std::filesystem::path parent = it->parent_path();
        fsync_directory(parent.empty() ? std::filesystem::path(".") : parent);
    }
}

}  // namespace braid::storage
