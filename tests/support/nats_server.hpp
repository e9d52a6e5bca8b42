#pragma once
// A real nats-server with JetStream for the suites that need one (cluster, replication, chaos,
// deploy): on a free loopback port, its store in a folder the test owns (so a restart finds its
// streams), alone or as one of a cluster with routes.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace braid::test_support {

struct NatsServerSpec {
    std::string name;                    // server name (JetStream clustering needs unique ones)
    std::filesystem::path dir;           // store_dir and log live here
    std::uint16_t client_port = 0;       // 0: a free one
    std::uint16_t cluster_port = 0;      // 0: not clustered
    std::vector<std::uint16_t> routes;   // cluster ports of the peers
};

class NatsServer {
public:
    // Starts the server and waits until it accepts clients (throws after 10 s).
    explicit NatsServer(NatsServerSpec spec);
    ~NatsServer();

    std::string url() const;
    const NatsServerSpec& spec() const { return spec_; }
    // SIGKILL, as a crash would: nothing is flushed or handed over.
    void kill();
    // Starts it again on the same ports and store.
    void start();
    bool running();

private:
    void wait_ready();

    NatsServerSpec spec_;
    int generation_ = 0;  // each start logs to its own file
    std::unique_ptr<ChildProcess> process_;
};

// Three servers with routes to each other, cluster name "braid".
std::vector<std::unique_ptr<NatsServer>> start_nats_cluster(const std::filesystem::path& dir, int size = 3);

}  // namespace braid::test_support
