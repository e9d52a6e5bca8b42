#pragma once
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace braid::storage {

// Throws braid::Error(io, "io_error") saying what failed, on which path, and strerror(err).
[[noreturn]] void throw_io_error(std::string_view action, const std::filesystem::path& path, int err);

// Owns one POSIX file descriptor; closes it on destruction. Move-only.
class FileDescriptor {
public:
    FileDescriptor() = default;
    FileDescriptor(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
    ~FileDescriptor();
    FileDescriptor(FileDescriptor&& other) noexcept;
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const { return fd_; }
    const std::filesystem::path& path() const { return path_; }
    explicit operator bool() const { return fd_ >= 0; }

    // Closes now, reporting a failure (the destructor cannot).
    void close();

private:
    int fd_ = -1;
    std::filesystem::path path_;
};

FileDescriptor open_file(const std::filesystem::path& path, int flags, mode_t mode = 0644);

// Loop over short writes and EINTR until every byte is written.
void write_all(const FileDescriptor& file, std::string_view bytes);
void pwrite_all(const FileDescriptor& file, std::string_view bytes, std::uint64_t offset);
// Reads until `size` bytes or end of file; returns how many were read.
std::size_t read_up_to(const FileDescriptor& file, char* buffer, std::size_t size);

// Bytes an unprivileged writer may still use on the file system holding `path` (statvfs);
// throws braid::Error(io) when it cannot be asked.
std::uint64_t free_bytes(const std::filesystem::path& path);

void sync_data(const FileDescriptor& file);  // fdatasync
void sync_all(const FileDescriptor& file);   // fsync
void truncate_to(const FileDescriptor& file, std::uint64_t size);
std::uint64_t size_of(const FileDescriptor& file);

// Sequential reads through a buffer, for scanning logs and checksumming snapshot files.
class BufferedReader {
public:
    explicit BufferedReader(const FileDescriptor& file, std::size_t buffer_size = 1 << 20);
    // Copies up to `size` bytes into `out`; fewer only at end of file.
    std::size_t read(char* out, std::size_t size);

private:
    const FileDescriptor& file_;
    std::string buffer_;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

}  // namespace braid::storage
