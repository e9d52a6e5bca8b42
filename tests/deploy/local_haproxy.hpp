#pragma once
// A real HAProxy (Debian's `haproxy`) in the foreground as a child of the test, running
// local_haproxy_config() of the shipped deploy/haproxy/haproxy.cfg, and what its stats page says
// about each server of the braid_nodes backend.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "tests/deploy/local_haproxy_config.hpp"
#include "tests/support/child_process.hpp"

namespace braid::deploy_test {

// "haproxy" when it is on PATH, else Debian's /usr/sbin/haproxy when it exists (PATH of a
// non-root user often lacks /usr/sbin), else nothing.
std::optional<std::string> haproxy_program();

struct ServerStats {
    std::string status;      // "UP", "DOWN", or on the way: "UP 1/3" (failing), "DOWN 1/2" (rising)
    long long requests = 0;  // stot: sessions HAProxy sent to this server
};

class LocalHaproxy {
public:
    // Writes the config into `dir`, starts HAProxy and waits until its stats page answers
    // (throws when it exits, a bad config among other reasons, or after 10 s).
    LocalHaproxy(const std::filesystem::path& dir, const LocalPorts& ports);
    ~LocalHaproxy();

    std::uint16_t port() const { return ports_.frontend; }
    // From the stats page (GET /stats;csv); throws when `server` is not in the braid_nodes backend.
    ServerStats server(const std::string& name) const;
    std::string log() const { return process_->log(); }

private:
    LocalPorts ports_;
    std::unique_ptr<test_support::ChildProcess> process_;
};

}  // namespace braid::deploy_test
