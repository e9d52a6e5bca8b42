#include "tests/durability/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

namespace braid::durability {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

fs::path braid_binary() {
    const fs::path binary = BRAID_BINARY;
    if (binary.empty() || !fs::exists(binary)) throw std::runtime_error("braid binary not built: '" + binary.string() + "'");
    return binary;
}

namespace {

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// fork/exec `braid serve --config CONFIG`; stdout into a pipe (returned), stderr into a file.
pid_t spawn_serve(const fs::path& config, const fs::path& stderr_file, int& stdout_read_fd) {
    const fs::path binary = braid_binary();
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const int err_fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (err_fd < 0) throw std::runtime_error("cannot open " + stderr_file.string());
    std::vector<std::string> args = {binary.string(), "serve", "--config", config.string()};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    ::close(err_fd);
    stdout_read_fd = pipe_fds[0];
    return pid;
}

// Reads stdout until the listening line (returns the port) or end of stream / timeout (0).
std::uint16_t wait_for_listening(int fd, std::chrono::milliseconds patience) {
    const std::string marker = "braid listening on http://";
    const auto deadline = Clock::now() + patience;
    std::string seen;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return 0;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[4096];
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got <= 0) return 0;
        seen.append(chunk, static_cast<std::size_t>(got));
        const std::size_t at = seen.find(marker);
        if (at == std::string::npos) continue;
        const std::size_t line_end = seen.find('\n', at);
        if (line_end == std::string::npos) continue;
        const std::string address = seen.substr(at + marker.size(), line_end - at - marker.size());
        const std::size_t colon = address.rfind(':');
        if (colon == std::string::npos) return 0;
        return static_cast<std::uint16_t>(std::stoul(address.substr(colon + 1)));
    }
}

// waitpid with a deadline; returns the raw status or nullopt.
std::optional<int> wait_with_deadline(pid_t pid, std::chrono::milliseconds patience) {
    const auto deadline = Clock::now() + patience;
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0) return std::nullopt;
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int exit_code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

}  // namespace

ServerProcess::ServerProcess(const fs::path& config, const fs::path& stderr_file, std::chrono::milliseconds patience)
    : stderr_file_(stderr_file) {
    pid_ = spawn_serve(config, stderr_file, stdout_fd_);
    port_ = wait_for_listening(stdout_fd_, patience);
    if (port_ == 0) {
        kill_hard();
        throw std::runtime_error("braid serve did not start listening; its stderr:\n" + stderr_text());
    }
}

ServerProcess::~ServerProcess() {
    kill_hard();
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

int ServerProcess::terminate(std::chrono::milliseconds patience) {
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

std::string ServerProcess::stderr_text() const { return slurp(stderr_file_); }

ExitResult run_serve_expecting_exit(const fs::path& config, const fs::path& stderr_file,
                                    std::chrono::milliseconds patience) {
    int stdout_fd = -1;
    const pid_t pid = spawn_serve(config, stderr_file, stdout_fd);
    ExitResult result;
    const auto status = wait_with_deadline(pid, patience);
    if (status) {
        result.exit_code = exit_code_of(*status);
    } else {
        ::kill(pid, SIGKILL);
        int ignored = 0;
        ::waitpid(pid, &ignored, 0);
    }
    // The listening line, if any, sits in the pipe (a server that started and was then killed).
    pollfd p{stdout_fd, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) {
        char chunk[4096];
        const ssize_t got = ::read(stdout_fd, chunk, sizeof chunk);
        result.listened = got > 0 && std::string(chunk, static_cast<std::size_t>(got)).find("listening") != std::string::npos;
    }
    ::close(stdout_fd);
    result.err = slurp(stderr_file);
    return result;
}

}  // namespace braid::durability
