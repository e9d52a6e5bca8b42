#include "tests/support/braid_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include "tests/support/temp_dir.hpp"

namespace braid::test_support {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path braid_binary() {
    const fs::path binary = BRAID_BINARY;
    if (binary.empty() || !fs::exists(binary)) throw std::runtime_error("braid binary not built: '" + binary.string() + "'");
    return binary;
}

namespace {

// A file descriptor closed at scope exit unless released.
class UniqueFd {
public:
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
};

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// fork + exec `braid ARGS...` with stdout to `out_fd` and stderr to `err_fd`.
pid_t spawn_braid(const std::vector<std::string>& args, const Environment& env, int out_fd, int err_fd) {
    std::vector<std::string> argv{braid_binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> envp;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        if (!env.contains(entry.substr(0, entry.find('=')))) envp.push_back(entry);
    }
    for (const auto& [name, value] : env) envp.push_back(name + "=" + value);
    auto argv_c = c_strings(argv);
    auto envp_c = c_strings(envp);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        ::execve(argv_c[0], argv_c.data(), envp_c.data());
        ::_exit(127);
    }
    return pid;
}

int open_for_output(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot open " + file.string());
    return fd;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// waitpid with a deadline: the raw status, or nullopt when the child is still running.
std::optional<int> wait_with_deadline(pid_t pid, std::chrono::milliseconds patience) {
    const auto deadline = Clock::now() + patience;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0 || Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void kill_and_reap(pid_t pid) {
    ::kill(pid, SIGKILL);
    int ignored = 0;
    ::waitpid(pid, &ignored, 0);
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

// Reads `fd` until the listening line (returns its port) or end of stream / timeout (returns 0).
// Everything read is kept in `seen` for the error message.
std::uint16_t wait_for_listening(int fd, std::chrono::milliseconds patience, std::string& seen) {
    constexpr std::string_view marker = "braid listening on ";
    const auto deadline = Clock::now() + patience;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return 0;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[4096];
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got <= 0) return 0;  // the server exited
        seen.append(chunk, static_cast<std::size_t>(got));
        const std::size_t at = seen.find(marker);
        if (at == std::string::npos) continue;
        const std::size_t line_end = seen.find('\n', at);
        if (line_end == std::string::npos) continue;
        std::string address = seen.substr(at + marker.size(), line_end - at - marker.size());
        address = address.substr(address.find("://") == std::string::npos ? 0 : address.find("://") + 3);
        const std::size_t colon = address.rfind(':');
        if (colon == std::string::npos) return 0;
        return static_cast<std::uint16_t>(std::stoul(address.substr(colon + 1)));
    }
}

}  // namespace

RunResult run_braid(const std::vector<std::string>& args, const RunOptions& options) {
    const TempDir dir("braid-run");
    const fs::path out_file = dir.path() / "out", err_file = dir.path() / "err";
    pid_t pid = -1;
    {
        const UniqueFd out(open_for_output(out_file));
        const UniqueFd err(open_for_output(err_file));
        pid = spawn_braid(args, options.env, out.get(), err.get());
    }
    RunResult result;
    if (const auto status = wait_with_deadline(pid, options.patience)) {
        result.exit_code = exit_code_of(*status);
    } else {
        kill_and_reap(pid);
    }
    result.out = read_text(out_file);
    result.err = read_text(err_file);
    return result;
}

BraidServer::BraidServer(const fs::path& config, const ServeOptions& options)
    : stderr_file_(options.stderr_file.empty()
                       ? config.parent_path() / ("serve-" + std::to_string(::getpid()) + ".err")
                       : options.stderr_file) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    UniqueFd stdout_read(pipe_fds[0]);
    {
        // The parent's copies close at the end of this block, so end of stream means it exited.
        const UniqueFd stdout_write(pipe_fds[1]);
        const UniqueFd err(open_for_output(stderr_file_));
        std::vector<std::string> args{"serve", "--config", config.string()};
        args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
        pid_ = spawn_braid(args, options.env, stdout_write.get(), err.get());
    }
    std::string seen;
    port_ = wait_for_listening(stdout_read.get(), options.patience, seen);
    if (port_ == 0) {
        kill_hard();
        throw std::runtime_error("braid serve did not start listening; stdout: " + seen + "; stderr:\n" + stderr_text());
    }
    // Kept open until the end: a server writing to a closed pipe would die of SIGPIPE.
    stdout_fd_ = stdout_read.release();
}

BraidServer::~BraidServer() {
    kill_hard();
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void BraidServer::kill_hard() {
    if (pid_ <= 0) return;
    kill_and_reap(pid_);
    pid_ = -1;
}

int BraidServer::terminate(std::chrono::milliseconds patience) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto status = wait_with_deadline(pid_, patience);
    if (!status) {
        kill_hard();
        return -1;
    }
    pid_ = -1;
    return exit_code_of(*status);
}

std::string BraidServer::stderr_text() const { return read_text(stderr_file_); }

}  // namespace braid::test_support
