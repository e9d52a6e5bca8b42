#include "tests/deploy/local_haproxy_config.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace braid::deploy_test {

namespace {

bool starts_with(const std::string& line, const std::string& prefix) { return line.rfind(prefix, 0) == 0; }

std::string trimmed(const std::string& line) {
    const auto first = line.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : line.substr(first);
}

}  // namespace

std::filesystem::path shipped_haproxy_config() {
    return std::filesystem::path(BRAID_SOURCE_DIR) / "deploy" / "haproxy" / "haproxy.cfg";
}

std::string local_haproxy_config(const std::string& shipped, const LocalPorts& ports) {
    std::istringstream in(shipped);
    std::ostringstream out;
    std::string line;
    std::string section;
    std::size_t servers = 0;
    int frontends = 0;
    int stats_binds = 0;
    while (std::getline(in, line)) {
        const std::string text = trimmed(line);
        if (!line.empty() && line[0] != ' ' && line[0] != '#') section = line;
        if (starts_with(section, "global") &&
            (starts_with(text, "user ") || starts_with(text, "group ") || starts_with(text, "stats socket ") ||
             starts_with(text, "log "))) {
            out << "    # (test) left out: " << text << "\n";
            continue;
        }
        // 20000 connections need 40,000 descriptors, more than an unprivileged process may open.
        if (starts_with(section, "global") && starts_with(text, "maxconn ")) {
            out << "    maxconn 1000  # (test) shipped: " << text << "\n";
            continue;
        }
        if (starts_with(section, "frontend braid") && starts_with(text, "bind ")) {
            out << "    bind 127.0.0.1:" << ports.frontend << "\n";
            ++frontends;
            continue;
        }
        if (starts_with(section, "frontend stats") && starts_with(text, "bind ")) {
            out << "    bind 127.0.0.1:" << ports.stats << "\n";
            ++stats_binds;
            continue;
        }
        if (starts_with(section, "backend braid_nodes") && starts_with(text, "server ")) {
            if (servers >= ports.nodes.size()) throw std::runtime_error("haproxy.cfg has more servers than the test has nodes");
            std::istringstream words(text);
            std::string keyword, name, address;
            words >> keyword >> name >> address;
            std::string rest;
            std::getline(words, rest);
            out << "    server " << name << " 127.0.0.1:" << ports.nodes[servers++] << rest << "\n";
            continue;
        }
        out << line << "\n";
    }
    if (frontends != 1 || stats_binds != 1 || servers != ports.nodes.size())
        throw std::runtime_error("haproxy.cfg changed shape: " + std::to_string(frontends) + " braid frontend bind(s), " +
                                 std::to_string(stats_binds) + " stats bind(s), " + std::to_string(servers) + " server(s)");
    return out.str();
}

}  // namespace braid::deploy_test
