#pragma once
// The real `braid` binary as a child process: run a command to its end, or start `braid serve`
// on an ephemeral port and read the port from its "braid listening on http://HOST:PORT" line.
// A child dies with the thread that started it (PR_SET_PDEATHSIG), so a crashed test leaves no
// server behind; start servers from the test's own thread, not from a short-lived helper thread.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace braid::test_support {

// The binary under test (BRAID_BINARY, set by tests/CMakeLists.txt); throws when it is not built.
std::filesystem::path braid_binary();

// Environment variables set in (or replacing those of) the test's own environment for the child.
using Environment = std::map<std::string, std::string>;

struct RunOptions {
    Environment env;
    std::chrono::milliseconds patience = std::chrono::minutes(5);  // then it is killed
};

struct RunResult {
    // The exit status (128 + N when signal N ended it); -1 when it was still running after the
    // patience and had to be killed.
    int exit_code = -1;
    std::string out, err;

    bool timed_out() const { return exit_code < 0; }
};

// Runs `braid ARGS...` to its end (index, search, analyze, eval, or a serve expected to fail).
RunResult run_braid(const std::vector<std::string>& args, const RunOptions& options = {});

struct ServeOptions {
    Environment env;
    std::filesystem::path stderr_file;  // empty: serve-<test pid>.err beside the config file
    std::chrono::milliseconds patience = std::chrono::seconds(30);  // for the listening line
    std::vector<std::string> extra_args;  // after `serve --config FILE`, e.g. {"--port", "7701"}

    // (Named constructors rather than designated initializers, which GCC 12 flags under -Wextra.)
    static ServeOptions with_env(Environment env) {
        ServeOptions options;
        options.env = std::move(env);
        return options;
    }
    static ServeOptions with_args(std::vector<std::string> args) {
        ServeOptions options;
        options.extra_args = std::move(args);
        return options;
    }
    static ServeOptions with_stderr_file(std::filesystem::path file) {
        ServeOptions options;
        options.stderr_file = std::move(file);
        return options;
    }
};

class BraidServer {
public:
    // Starts `braid serve --config FILE` (the config should say port 0) and waits for it to
    // listen. Throws std::runtime_error with its output when it exits or stays silent instead.
    explicit BraidServer(const std::filesystem::path& config, const ServeOptions& options = {});
    ~BraidServer();  // SIGKILL if still running
    BraidServer(const BraidServer&) = delete;
    BraidServer& operator=(const BraidServer&) = delete;

    std::uint16_t port() const { return port_; }
    // SIGKILL, then reap: a crash, as far as the data folder can tell.
    void kill_hard();
    // SIGTERM and wait for it to exit; returns the exit status (128 + N for signal N), or -1 when
    // it was still running after the patience and had to be killed.
    int terminate(std::chrono::milliseconds patience = std::chrono::seconds(30));
    std::string stderr_text() const;

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
    std::filesystem::path stderr_file_;
};

}  // namespace braid::test_support
