#include "storage/posix_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/error.hpp"

namespace braid::storage {

void throw_io_error(std::string_view action, const std::filesystem::path& path, int err) {
    std::string message(action);
    message += " ";
    message += path.string();
    message += ": ";
    message += std::strerror(err);
    if (err == ENOSPC || err == EDQUOT) {
        throw Error(ErrorKind::insufficient_storage, "insufficient_storage", std::move(message));
    }
    throw Error(ErrorKind::io, "io_error", std::move(message));
}

std::uint64_t free_bytes(const std::filesystem::path& path) {
    struct statvfs stats {};
    if (::statvfs(path.c_str(), &stats) != 0) throw_io_error("cannot read the free space of", path, errno);
    return static_cast<std::uint64_t>(stats.f_bavail) * stats.f_frsize;
}

FileDescriptor::~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
}

FileDescriptor::FileDescriptor(FileDescriptor&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
    }
    return *this;
}

void FileDescriptor::close() {
    if (fd_ < 0) return;
    // Linux releases the descriptor even when close() reports an error, so never retry it.
    const int result = ::close(std::exchange(fd_, -1));
    if (result != 0 && errno != EINTR) throw_io_error("cannot close", path_, errno);
}

FileDescriptor open_file(const std::filesystem::path& path, int flags, mode_t mode) {
    int fd;
    do {
        fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) throw_io_error("cannot open", path, errno);
    return FileDescriptor(fd, path);
}

void write_all(const FileDescriptor& file, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(file.get(), bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io_error("cannot write to", file.path(), errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void pwrite_all(const FileDescriptor& file, std::string_view bytes, std::uint64_t offset) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(file.get(), bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io_error("cannot write to", file.path(), errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

std::size_t read_up_to(const FileDescriptor& file, char* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(file.get(), buffer + done, size - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_io_error("cannot read", file.path(), errno);
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return done;
}

void sync_data(const FileDescriptor& file) {
    int result;
    do {
        result = ::fdatasync(file.get());
    } while (result != 0 && errno == EINTR);
    if (result != 0) throw_io_error("cannot fdatasync", file.path(), errno);
}

void sync_all(const FileDescriptor& file) {
    int result;
    do {
        result = ::fsync(file.get());
    } while (result != 0 && errno == EINTR);
    if (result != 0) throw_io_error("cannot fsync", file.path(), errno);
}

void truncate_to(const FileDescriptor& file, std::uint64_t size) {
    int result;
    do {
        result = ::ftruncate(file.get(), static_cast<off_t>(size));
    } while (result != 0 && errno == EINTR);
    if (result != 0) throw_io_error("cannot truncate", file.path(), errno);
}

std::uint64_t size_of(const FileDescriptor& file) {
    struct stat st {};
    if (::fstat(file.get(), &st) != 0) throw_io_error("cannot stat", file.path(), errno);
    return static_cast<std::uint64_t>(st.st_size);
}

BufferedReader::BufferedReader(const FileDescriptor& file, std::size_t buffer_size)
    : file_(file), buffer_(buffer_size, '\0') {}

std::size_t BufferedReader::read(char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        if (begin_ == end_) {
            begin_ = 0;
            end_ = read_up_to(file_, buffer_.data(), buffer_.size());
            if (end_ == 0) break;
        }
        const std::size_t n = std::min(size - done, end_ - begin_);
        std::memcpy(out + done, buffer_.data() + begin_, n);
        begin_ += n;
        done += n;
    }
    return done;
}

}  // namespace braid::storage
