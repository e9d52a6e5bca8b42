#pragma once
// deploy/haproxy/haproxy.cfg as shipped, moved onto loopback for a test or a benchmark: the
// frontend, the stats frontend and each `server` line get local ports; what needs root or the
// Debian package's folders (user/group, the admin socket, syslog) is left out, and the global
// maxconn is lowered to what a process's default descriptor limit allows. Everything else
// (balancing, health check, retries, redispatch, timeouts) is the shipped text.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace braid::deploy_test {

struct LocalPorts {
    std::uint16_t frontend = 0;
    std::uint16_t stats = 0;
    std::vector<std::uint16_t> nodes;  // braid-1, braid-2, ... in the shipped order
};

// Throws std::runtime_error when the shipped text no longer has a line this rewrite expects
// (so a change to deploy/ cannot leave the test exercising something else).
std::string local_haproxy_config(const std::string& shipped, const LocalPorts& ports);

std::filesystem::path shipped_haproxy_config();

}  // namespace braid::deploy_test
