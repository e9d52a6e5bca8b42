#include "tests/e2e/braid_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace braid::e2e {
namespace {

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// fork + exec with stdout to `out_fd` and stderr to `err_fd`; the child gets the extra env.
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            int out_fd, int err_fd) {
    std::vector<std::string> argv{BRAID_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> envp;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        const auto name = entry.substr(0, entry.find('='));
        if (!env.contains(name)) envp.push_back(entry);
    }
    for (const auto& [name, value] : env) envp.push_back(name + "=" + value);
    auto argv_c = c_strings(argv);
    auto envp_c = c_strings(envp);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a crashed test leaves no server behind
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        ::execve(argv_c[0], argv_c.data(), envp_c.data());
        ::_exit(127);
    }
    return pid;
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("braid-e2e-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
}

RunResult run_braid(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    TempDir dir;
    const auto out_file = dir.path() / "out", err_file = dir.path() / "err";
    const int out_fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const pid_t pid = spawn(args, env, out_fd, err_fd);
    ::close(out_fd);
    ::close(err_fd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_file(out_file);
    result.err = read_file(err_file);
    return result;
}

BraidServer::BraidServer(const std::filesystem::path& config, const std::map<std::string, std::string>& env) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    stderr_file_ = config.parent_path() / ("serve-" + std::to_string(::getpid()) + ".err");
    const int err_fd = ::open(stderr_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_ = spawn({"serve", "--config", config.string()}, env, pipe_fds[1], err_fd);
    ::close(pipe_fds[1]);
    ::close(err_fd);
    stdout_fd_ = pipe_fds[0];

    // Read stdout until the listening line (at most 20 s).
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    constexpr std::string_view marker = "braid listening on http://";
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd poll_fd{stdout_fd_, POLLIN, 0};
        if (::poll(&poll_fd, 1, 100) <= 0) continue;
        char buffer[256];
        const auto n = ::read(stdout_fd_, buffer, sizeof buffer);
        if (n <= 0) break;  // the server exited
        seen.append(buffer, static_cast<std::size_t>(n));
        const auto at = seen.find(marker);
        const auto end = seen.find('\n', at == std::string::npos ? 0 : at);
        if (at != std::string::npos && end != std::string::npos) {
            const std::string address = seen.substr(at + marker.size(), end - at - marker.size());
            port_ = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
            return;
        }
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("braid serve did not start; stdout: " + seen + "; stderr: " + stderr_text());
}

BraidServer::~BraidServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

int BraidServer::terminate(std::chrono::milliseconds patience) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + patience;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return -1;
}

std::string BraidServer::stderr_text() const { return read_file(stderr_file_); }

}  // namespace braid::e2e
