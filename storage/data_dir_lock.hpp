#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "storage/posix_file.hpp"

namespace braid::storage {

// What the lock file of a data directory says about the process holding it.
struct DataDirHolder {
    long pid = 0;          // 0: not recorded yet
    std::string role;      // "braid serve", "braid index", ...
    std::string url;       // where the holder serves HTTP; empty when it does not
};

// An exclusive flock(2) on `<data_dir>/braid.lock` for the object's life, as Lucene's write.lock
// and PostgreSQL's postmaster.pid keep a second process off the same files. The kernel drops the
// lock with the process however it ends, so a crash leaves no stale lock; the file stays.
class DataDirLock {
public:
    // Creates data_dir when needed. Another holder (another process, or another lock object of
    // this one): braid::Error(conflict, "data_dir_locked") naming it; a file that cannot be
    // opened or locked: Error(io).
    DataDirLock(const std::filesystem::path& data_dir, std::string role);

    // Records the address this process serves on, for a refused process to point to.
    void set_url(const std::string& url);

    // What the lock file of `data_dir` says; nullopt when it names no process.
    static std::optional<DataDirHolder> read_holder(const std::filesystem::path& data_dir);
    static std::filesystem::path file_of(const std::filesystem::path& data_dir);

private:
    void write_holder() const;

    FileDescriptor file_;
    DataDirHolder self_;
};

}  // namespace braid::storage
