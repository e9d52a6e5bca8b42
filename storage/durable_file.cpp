#include "storage/durable_file.hpp"

#include <fcntl.h>

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

}  // namespace braid::storage
