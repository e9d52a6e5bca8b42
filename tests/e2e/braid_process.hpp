#pragma once
// Starts the real `braid` binary as a child process and reads the port it listens on.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace braid::e2e {

// A temporary folder removed at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

struct RunResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs `braid ARGS...` to completion (for index / search / analyze / eval).
RunResult run_braid(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {});

class BraidServer {
public:
    // Starts `braid serve --config FILE` (the config should say port 0) and waits for its
    // "braid listening on http://HOST:PORT" line.
    explicit BraidServer(const std::filesystem::path& config,
                         const std::map<std::string, std::string>& env = {});
    ~BraidServer();  // SIGKILL if still running
    BraidServer(const BraidServer&) = delete;
    BraidServer& operator=(const BraidServer&) = delete;

    std::uint16_t port() const { return port_; }
    // Sends SIGTERM and waits; returns the exit code (-1 if it had to be killed).
    int terminate(std::chrono::milliseconds patience = std::chrono::seconds(10));
    std::string stderr_text() const;

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
    std::filesystem::path stderr_file_;
};

}  // namespace braid::e2e
