#pragma once
// A real `braid serve --config FILE` child process. Its stdout is read until the
// "braid listening on http://HOST:PORT" line; its stderr goes to a file the test can read.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace braid::durability {

// The binary under test (BRAID_BINARY, set by tests/CMakeLists.txt).
std::filesystem::path braid_binary();

class ServerProcess {
public:
    // Starts the server and waits (up to `patience`) for it to listen. Throws std::runtime_error
    // with the server's stderr when it exits or stays silent instead.
    ServerProcess(const std::filesystem::path& config, const std::filesystem::path& stderr_file,
                  std::chrono::milliseconds patience = std::chrono::seconds(30));
    ~ServerProcess();  // SIGKILL if still running
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    void kill_hard();  // SIGKILL, then reap
    // SIGTERM and wait for a clean exit; returns the exit status (-1 when it had to be killed).
    int terminate(std::chrono::milliseconds patience = std::chrono::seconds(30));
    std::string stderr_text() const;

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
    std::filesystem::path stderr_file_;
};

struct ExitResult {
    std::optional<int> exit_code;  // empty: still running after the patience (then killed)
    bool listened = false;         // it printed the listening line
    std::string err;
};

// Runs `braid serve --config FILE` expecting it to exit by itself (a start-up error).
ExitResult run_serve_expecting_exit(const std::filesystem::path& config, const std::filesystem::path& stderr_file,
                                    std::chrono::milliseconds patience = std::chrono::seconds(20));

}  // namespace braid::durability
