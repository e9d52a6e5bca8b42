#include "storage/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>

#include "core/error.hpp"

namespace braid::storage {

namespace fs = std::filesystem;

namespace {

int lock_exclusive(const FileDescriptor& file) {
    int result;
    do {
        result = ::flock(file.get(), LOCK_EX | LOCK_NB);
    } while (result != 0 && errno == EINTR);
    return result == 0 ? 0 : errno;
}

std::string describe(const fs::path& data_dir, const std::optional<DataDirHolder>& holder) {
    std::string message = "data directory " + data_dir.string() + " is in use by ";
    if (!holder) return message + "another process (see " + DataDirLock::file_of(data_dir).string() + ")";
    message += holder->role.empty() ? "another braid process" : holder->role;
    message += " (pid " + std::to_string(holder->pid) + ")";
    if (!holder->url.empty()) message += " serving " + holder->url;
    return message;
}

}  // namespace

fs::path DataDirLock::file_of(const fs::path& data_dir) { return data_dir / "braid.lock"; }

DataDirLock::DataDirLock(const fs::path& data_dir, std::string role) {
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    if (ec) throw_io_error("cannot create", data_dir, ec.value());
    file_ = open_file(file_of(data_dir), O_RDWR | O_CREAT);
    if (const int err = lock_exclusive(file_); err != 0) {
        if (err != EWOULDBLOCK) throw_io_error("cannot lock", file_.path(), err);
        throw Error(ErrorKind::conflict, "data_dir_locked", describe(data_dir, read_holder(data_dir)));
    }
    self_.pid = static_cast<long>(::getpid());
    self_.role = std::move(role);
    write_holder();
}

void DataDirLock::set_url(const std::string& url) {
    self_.url = url;
    write_holder();
}

void DataDirLock::write_holder() const {
    std::ostringstream text;
    text << "pid=" << self_.pid << "\nrole=" << self_.role << "\nurl=" << self_.url << "\n";
    // Informational only (the flock is the lock), so no fsync: a crash leaves a stale description
    // that the next holder overwrites.
    truncate_to(file_, 0);
    pwrite_all(file_, text.str(), 0);
}

std::optional<DataDirHolder> DataDirLock::read_holder(const fs::path& data_dir) {
    FileDescriptor file;
    try {
        file = open_file(file_of(data_dir), O_RDONLY);
    } catch (const Error&) {
        return std::nullopt;
    }
    std::string text(4096, '\0');
    text.resize(read_up_to(file, text.data(), text.size()));
    DataDirHolder holder;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "pid") holder.pid = std::strtol(value.c_str(), nullptr, 10);
        else if (key == "role") holder.role = value;
        else if (key == "url") holder.url = value;
    }
    if (holder.pid <= 0) return std::nullopt;
    return holder;
}

}  // namespace braid::storage
