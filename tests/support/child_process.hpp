#pragma once
// Any program as a child of the test (a Prometheus server, a NATS server, ...): started with its
// output in a log file, killed and reaped at scope exit, and killed with the test's thread should
// the test crash (PR_SET_PDEATHSIG).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace braid::test_support {

class ChildProcess {
public:
    // argv[0] is looked up on PATH. Throws std::runtime_error when it cannot be started.
    ChildProcess(std::vector<std::string> argv, const std::filesystem::path& log_file);
    ~ChildProcess();  // SIGKILL if still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    std::string log() const;

private:
    pid_t pid_ = -1;
    std::filesystem::path log_file_;
};

// Whether `program` is on PATH.
bool on_path(const std::string& program);

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released), for
// programs that cannot report the port they picked.
std::uint16_t free_loopback_port();

}  // namespace braid::test_support
