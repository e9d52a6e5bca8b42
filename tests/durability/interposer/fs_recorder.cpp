// A preloaded library (LD_PRELOAD) that records every mutation and sync of files under one folder
// into an event log (fs_event.hpp), for the power-loss tests to rebuild the folder
// as a disk would hold it after a power cut. Each record is one O_APPEND write, so the log is
// complete up to the moment the process dies, SIGKILL included. It can also kill its own process
// after the Nth event and make the Nth sync of a matching file fail with EIO (without syncing).
//
// Calls are forwarded to the next definition (dlsym RTLD_NEXT). A write is recorded after it
// happened and a sync before it starts, so the log never shows a write before a sync that could
// not have covered it.
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/durability/interposer/fs_event.hpp"

namespace {

using braid::fsrec::EventHeader;
using braid::fsrec::EventType;
namespace flags = braid::fsrec::event_flags;

template <typename F>
F next_definition(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

#define REAL(name) \
    static const auto real_##name = next_definition<decltype(&::name)>(#name)

struct Config {
    int log_fd = -1;
    std::string root;
    long long kill_after = 0;  // 0: never
    bool kill_counts_startup = false;
    std::string kill_counts = "all";
    long long fail_sync = 0;  // 0: never
    std::string fail_sync_match;
};

std::string normalize(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        const std::size_t slash = path.find('/', pos);
        const std::string part = path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        if (slash == std::string::npos) break;
        pos = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += "/" + p;
    return out.empty() ? "/" : out;
}

const Config& config() {
    static const Config c = [] {
        Config out;
        const char* log = getenv(braid::fsrec::kLogEnv);
        const char* root = getenv(braid::fsrec::kRootEnv);
        if (log == nullptr || root == nullptr) return out;
        REAL(open);
        out.log_fd = real_open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        out.root = normalize(root);
        if (const char* k = getenv(braid::fsrec::kKillAfterEnv)) out.kill_after = atoll(k);
        if (const char* p = getenv(braid::fsrec::kKillPhaseEnv)) out.kill_counts_startup = strcmp(p, "startup") == 0;
        if (const char* k = getenv(braid::fsrec::kKillCountsEnv)) out.kill_counts = k;
        if (const char* f = getenv(braid::fsrec::kFailSyncEnv)) out.fail_sync = atoll(f);
        if (const char* m = getenv(braid::fsrec::kFailSyncMatchEnv)) out.fail_sync_match = m;
        return out;
    }();
    return c;
}

// What is known about each open descriptor of a recorded file.
struct Tracked {
    std::atomic<bool> on{false};
    std::atomic<std::uint64_t> inode{0};
    std::atomic<bool> fault_candidate{false};
};
constexpr int kMaxFd = 1 << 16;
Tracked g_fds[kMaxFd];

std::atomic<long long> g_events{0};
std::atomic<long long> g_events_after_listen{0};
std::atomic<bool> g_listening{false};
std::atomic<std::uint64_t> g_sync_ids{0};
std::atomic<long long> g_fault_syncs{0};

bool recording() { return config().log_fd >= 0; }

bool under_root(const std::string& path) {
    const std::string& root = config().root;
    // The lock file (data_dir/braid.lock) holds no data: a description of its holder, rewritten
    // as the server starts, that recovery never reads.
    if (path == root + "/braid.lock") return false;
    return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                            path[root.size()] == '/');
}

std::string absolute(int dirfd, const char* path) {
    if (path == nullptr) return {};
    if (path[0] == '/') return normalize(path);
    std::string base;
    if (dirfd == AT_FDCWD) {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd) == nullptr) return {};
        base = cwd;
    } else {
        char link[64], target[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
        const ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0) return {};
        base.assign(target, static_cast<std::size_t>(n));
    }
    return normalize(base + "/" + path);
}

bool counts_towards_kill(EventType type, std::uint32_t event_flags) {
    const std::string& counts = config().kill_counts;
    if (counts == "write") return type == EventType::write || type == EventType::truncate;
    if (counts == "sync") return type == EventType::sync_end;
    if (counts == "namespace") {
        return type == EventType::mkdir || type == EventType::rename || type == EventType::unlink ||
               (type == EventType::open && (event_flags & flags::created));
    }
    return true;
}

void log_event(EventType type, std::uint32_t event_flags, std::int32_t result, std::uint64_t inode,
               std::uint64_t offset, const std::string& path, const void* extra, std::size_t extra_size) {
    const int saved_errno = errno;
    EventHeader header{braid::fsrec::kEventMagic, type, event_flags, result, inode, offset,
                       static_cast<std::uint32_t>(path.size()), static_cast<std::uint32_t>(extra_size)};
    iovec parts[3] = {{&header, sizeof header},
                      {const_cast<char*>(path.data()), path.size()},
                      {const_cast<void*>(extra), extra_size}};
    REAL(writev);
    // One writev on an O_APPEND file: the record lands whole and is never interleaved.
    real_writev(config().log_fd, parts, 3);
    const Config& c = config();
    if (c.kill_after > 0 && counts_towards_kill(type, event_flags)) {
        const long long n = ++g_events;
        const bool hit = c.kill_counts_startup ? n == c.kill_after
                                               : g_listening.load() && ++g_events_after_listen == c.kill_after;
        if (hit) kill(getpid(), SIGKILL);
    }
    errno = saved_errno;
}

Tracked* tracked(int fd) {
    if (fd < 0 || fd >= kMaxFd || !g_fds[fd].on.load()) return nullptr;
    return &g_fds[fd];
}

void untrack(int fd) {
    if (fd >= 0 && fd < kMaxFd) g_fds[fd].on = false;
}

// After a successful open of `path`; `existed` was sampled before it.
void opened(int fd, const std::string& path, int open_flags, bool existed) {
    struct stat st {};
    if (fd < 0 || fd >= kMaxFd || fstat(fd, &st) != 0) return;
    const bool dir = S_ISDIR(st.st_mode);
    std::uint32_t f = dir ? flags::directory : 0;
    if ((open_flags & O_CREAT) && !existed) f |= flags::created;
    if ((open_flags & O_TRUNC) && existed && !dir) f |= flags::truncated;
    Tracked& t = g_fds[fd];
    t.inode = st.st_ino;
    t.fault_candidate = !config().fail_sync_match.empty() && path.find(config().fail_sync_match) != std::string::npos;
    t.on = true;
    log_event(EventType::open, f, 0, st.st_ino, 0, path, nullptr, 0);
}

bool exists_at(int dirfd, const char* path) {
    struct stat st {};
    return fstatat(dirfd, path, &st, 0) == 0;
}

template <typename Call>
int recorded_open(int dirfd, const char* path, int open_flags, Call&& call) {
    if (!recording()) return call();
    const std::string abs = absolute(dirfd, path);
    if (!under_root(abs)) {
        const int fd = call();
        untrack(fd);
        return fd;
    }
    const bool existed = exists_at(dirfd, path);
    const int fd = call();
    if (fd >= 0) opened(fd, abs, open_flags, existed);
    return fd;
}

int stdio_flags(const char* mode) {
    int f = 0;
    if (mode[0] == 'w') f = O_CREAT | O_TRUNC;
    if (mode[0] == 'a') f = O_CREAT | O_APPEND;
    return f;
}

void recorded_write(int fd, const void* data, ssize_t written, off_t offset_or_minus_one) {
    Tracked* t = tracked(fd);
    if (t == nullptr || written <= 0) return;
    off_t offset = offset_or_minus_one;
    if (offset < 0) offset = lseek(fd, 0, SEEK_CUR) - written;
    log_event(EventType::write, 0, 0, t->inode, static_cast<std::uint64_t>(offset), {}, data,
              static_cast<std::size_t>(written));
}

template <typename Call>
int recorded_sync(int fd, bool data_only, Call&& call) {
    Tracked* t = tracked(fd);
    if (t == nullptr) return call();
    const std::uint64_t id = ++g_sync_ids;
    const std::uint32_t f = data_only ? flags::data_only : 0;
    log_event(EventType::sync_begin, f, 0, t->inode, id, {}, nullptr, 0);
    if (config().fail_sync > 0 && t->fault_candidate && ++g_fault_syncs == config().fail_sync) {
        log_event(EventType::sync_end, f | flags::injected, EIO, t->inode, id, {}, nullptr, 0);
        errno = EIO;
        return -1;
    }
    const int r = call();
    log_event(EventType::sync_end, f, r == 0 ? 0 : errno, t->inode, id, {}, nullptr, 0);
    return r;
}

void recorded_namespace(EventType type, int dirfd, const char* path, int result) {
    if (result != 0 || !recording()) return;
    const std::string abs = absolute(dirfd, path);
    if (!under_root(abs)) return;
    std::uint64_t inode = 0;
    if (type == EventType::mkdir) {
        struct stat st {};
        if (stat(abs.c_str(), &st) == 0) inode = st.st_ino;
    }
    log_event(type, 0, 0, inode, 0, abs, nullptr, 0);
}

void recorded_rename(int from_dirfd, const char* from, int to_dirfd, const char* to, int result) {
    if (result != 0 || !recording()) return;
    const std::string a = absolute(from_dirfd, from);
    const std::string b = absolute(to_dirfd, to);
    if (!under_root(a) && !under_root(b)) return;
    log_event(EventType::rename, 0, 0, 0, 0, a, b.data(), b.size());
}

mode_t mode_argument(int open_flags, va_list args) {
    return (open_flags & (O_CREAT | O_TMPFILE)) ? static_cast<mode_t>(va_arg(args, int)) : 0;
}

}  // namespace

extern "C" {

int open(const char* path, int open_flags, ...) {
    va_list args;
    va_start(args, open_flags);
    const mode_t mode = mode_argument(open_flags, args);
    va_end(args);
    REAL(open);
    return recorded_open(AT_FDCWD, path, open_flags, [&] { return real_open(path, open_flags, mode); });
}

int open64(const char* path, int open_flags, ...) {
    va_list args;
    va_start(args, open_flags);
    const mode_t mode = mode_argument(open_flags, args);
    va_end(args);
    REAL(open64);
    return recorded_open(AT_FDCWD, path, open_flags, [&] { return real_open64(path, open_flags, mode); });
}

int openat(int dirfd, const char* path, int open_flags, ...) {
    va_list args;
    va_start(args, open_flags);
    const mode_t mode = mode_argument(open_flags, args);
    va_end(args);
    REAL(openat);
    return recorded_open(dirfd, path, open_flags, [&] { return real_openat(dirfd, path, open_flags, mode); });
}

int openat64(int dirfd, const char* path, int open_flags, ...) {
    va_list args;
    va_start(args, open_flags);
    const mode_t mode = mode_argument(open_flags, args);
    va_end(args);
    REAL(openat64);
    return recorded_open(dirfd, path, open_flags, [&] { return real_openat64(dirfd, path, open_flags, mode); });
}

int creat(const char* path, mode_t mode) {
    REAL(creat);
    return recorded_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, [&] { return real_creat(path, mode); });
}

int creat64(const char* path, mode_t mode) {
    REAL(creat64);
    return recorded_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, [&] { return real_creat64(path, mode); });
}

FILE* fopen(const char* path, const char* mode) {
    REAL(fopen);
    FILE* file = nullptr;
    recorded_open(AT_FDCWD, path, stdio_flags(mode), [&] {
        file = real_fopen(path, mode);
        return file == nullptr ? -1 : fileno(file);
    });
    return file;
}

FILE* fopen64(const char* path, const char* mode) {
    REAL(fopen64);
    FILE* file = nullptr;
    recorded_open(AT_FDCWD, path, stdio_flags(mode), [&] {
        file = real_fopen64(path, mode);
        return file == nullptr ? -1 : fileno(file);
    });
    return file;
}

int close(int fd) {
    REAL(close);
    untrack(fd);
    return real_close(fd);
}

// Directory streams close their descriptor inside libc (std::filesystem::remove_all opens folders
// with openat and reads them through fdopendir): forget it here, or a later descriptor with the
// same number would be taken for that folder.
int closedir(DIR* dir) {
    REAL(closedir);
    untrack(dirfd(dir));
    return real_closedir(dir);
}

int dup2(int old_fd, int new_fd) {
    REAL(dup2);
    untrack(new_fd);
    return real_dup2(old_fd, new_fd);
}

int dup3(int old_fd, int new_fd, int dup_flags) {
    REAL(dup3);
    untrack(new_fd);
    return real_dup3(old_fd, new_fd, dup_flags);
}

int fclose(FILE* file) {
    REAL(fclose);
    untrack(fileno(file));
    return real_fclose(file);
}

ssize_t write(int fd, const void* data, size_t size) {
    REAL(write);
    const ssize_t n = real_write(fd, data, size);
    recorded_write(fd, data, n, -1);
    return n;
}

ssize_t pwrite(int fd, const void* data, size_t size, off_t offset) {
    REAL(pwrite);
    const ssize_t n = real_pwrite(fd, data, size, offset);
    recorded_write(fd, data, n, offset);
    return n;
}

ssize_t pwrite64(int fd, const void* data, size_t size, off64_t offset) {
    REAL(pwrite64);
    const ssize_t n = real_pwrite64(fd, data, size, offset);
    recorded_write(fd, data, n, offset);
    return n;
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    REAL(writev);
    const ssize_t n = real_writev(fd, iov, count);
    if (n > 0 && tracked(fd) != nullptr) {
        std::string bytes;
        for (int i = 0; i < count && bytes.size() < static_cast<std::size_t>(n); ++i) {
            const std::size_t take = std::min(iov[i].iov_len, static_cast<std::size_t>(n) - bytes.size());
            bytes.append(static_cast<const char*>(iov[i].iov_base), take);
        }
        recorded_write(fd, bytes.data(), n, -1);
    }
    return n;
}

size_t fwrite(const void* data, size_t size, size_t count, FILE* file) {
    REAL(fwrite);
    const size_t n = real_fwrite(data, size, count, file);
    const int fd = fileno(file);
    if (n > 0 && tracked(fd) != nullptr) {
        // The bytes may still sit in the stream's buffer; they are in the file at this position.
        const ssize_t bytes = static_cast<ssize_t>(n * size);
        recorded_write(fd, data, bytes, ftello(file) - bytes);
    }
    return n;
}

int ftruncate(int fd, off_t size) {
    REAL(ftruncate);
    const int r = real_ftruncate(fd, size);
    if (Tracked* t = tracked(fd); t != nullptr && r == 0) {
        log_event(EventType::truncate, 0, 0, t->inode, static_cast<std::uint64_t>(size), {}, nullptr, 0);
    }
    return r;
}

int ftruncate64(int fd, off64_t size) {
    REAL(ftruncate64);
    const int r = real_ftruncate64(fd, size);
    if (Tracked* t = tracked(fd); t != nullptr && r == 0) {
        log_event(EventType::truncate, 0, 0, t->inode, static_cast<std::uint64_t>(size), {}, nullptr, 0);
    }
    return r;
}

int fsync(int fd) {
    REAL(fsync);
    return recorded_sync(fd, false, [&] { return real_fsync(fd); });
}

int fdatasync(int fd) {
    REAL(fdatasync);
    return recorded_sync(fd, true, [&] { return real_fdatasync(fd); });
}

int mkdir(const char* path, mode_t mode) {
    REAL(mkdir);
    const int r = real_mkdir(path, mode);
    recorded_namespace(EventType::mkdir, AT_FDCWD, path, r);
    return r;
}

int mkdirat(int dirfd, const char* path, mode_t mode) {
    REAL(mkdirat);
    const int r = real_mkdirat(dirfd, path, mode);
    recorded_namespace(EventType::mkdir, dirfd, path, r);
    return r;
}

int rename(const char* from, const char* to) {
    REAL(rename);
    const int r = real_rename(from, to);
    recorded_rename(AT_FDCWD, from, AT_FDCWD, to, r);
    return r;
}

int renameat(int from_dirfd, const char* from, int to_dirfd, const char* to) {
    REAL(renameat);
    const int r = real_renameat(from_dirfd, from, to_dirfd, to);
    recorded_rename(from_dirfd, from, to_dirfd, to, r);
    return r;
}

int renameat2(int from_dirfd, const char* from, int to_dirfd, const char* to, unsigned int rename_flags) {
    REAL(renameat2);
    const int r = real_renameat2(from_dirfd, from, to_dirfd, to, rename_flags);
    recorded_rename(from_dirfd, from, to_dirfd, to, r);
    return r;
}

int unlink(const char* path) {
    REAL(unlink);
    const int r = real_unlink(path);
    recorded_namespace(EventType::unlink, AT_FDCWD, path, r);
    return r;
}

int unlinkat(int dirfd, const char* path, int unlink_flags) {
    REAL(unlinkat);
    const int r = real_unlinkat(dirfd, path, unlink_flags);
    recorded_namespace(EventType::unlink, dirfd, path, r);
    return r;
}

int rmdir(const char* path) {
    REAL(rmdir);
    const int r = real_rmdir(path);
    recorded_namespace(EventType::unlink, AT_FDCWD, path, r);
    return r;
}

int remove(const char* path) {
    REAL(remove);
    const int r = real_remove(path);
    recorded_namespace(EventType::unlink, AT_FDCWD, path, r);
    return r;
}

int listen(int fd, int backlog) {
    REAL(listen);
    const int r = real_listen(fd, backlog);
    if (r == 0 && recording()) {
        g_listening = true;
        log_event(EventType::listening, 0, 0, 0, 0, {}, nullptr, 0);
    }
    return r;
}

}  // extern "C"
