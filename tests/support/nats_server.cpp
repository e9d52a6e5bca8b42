#include "tests/support/nats_server.hpp"

#include <stdexcept>

#include "tests/support/eventually.hpp"

namespace braid::test_support {

NatsServer::NatsServer(NatsServerSpec spec) : spec_(std::move(spec)) {
    if (spec_.client_port == 0) spec_.client_port = free_loopback_port();
    std::filesystem::create_directories(spec_.dir);
    start();
}

NatsServer::~NatsServer() = default;

std::string NatsServer::url() const { return "nats://127.0.0.1:" + std::to_string(spec_.client_port); }

void NatsServer::kill() { process_.reset(); }

bool NatsServer::running() { return process_ && process_->running(); }

void NatsServer::start() {
    std::vector<std::string> argv = {"nats-server", "-js", "-a", "127.0.0.1", "-p", std::to_string(spec_.client_port),
                                     "-sd", (spec_.dir / "store").string(), "-n", spec_.name};
    if (spec_.cluster_port != 0) {
        argv.insert(argv.end(), {"--cluster_name", "braid", "--cluster", "nats://127.0.0.1:" + std::to_string(spec_.cluster_port)});
        std::string routes;
        for (const auto port : spec_.routes) routes += (routes.empty() ? "" : ",") + std::string("nats://127.0.0.1:") + std::to_string(port);
        if (!routes.empty()) argv.insert(argv.end(), {"--routes", routes});
    }
    ++generation_;
    process_ = std::make_unique<ChildProcess>(argv, spec_.dir / ("server-" + std::to_string(generation_) + ".log"));
    wait_ready();
}

void NatsServer::wait_ready() {
    bool exited = false;
    const bool ready = eventually(
        [this, &exited] {
            exited = !process_->running();
            return exited || process_->log().find("Server is ready") != std::string::npos;
        },
        std::chrono::seconds(10));
    if (exited) throw std::runtime_error("nats-server " + spec_.name + " exited:\n" + process_->log());
    if (!ready) throw std::runtime_error("nats-server " + spec_.name + " not ready after 10 s:\n" + process_->log());
}

std::vector<std::unique_ptr<NatsServer>> start_nats_cluster(const std::filesystem::path& dir, int size) {
    std::vector<std::uint16_t> cluster_ports;
    for (int i = 0; i < size; ++i) cluster_ports.push_back(free_loopback_port());
    std::vector<std::unique_ptr<NatsServer>> servers;
    for (int i = 0; i < size; ++i) {
        NatsServerSpec spec;
        spec.name = "nats-" + std::to_string(i + 1);
        spec.dir = dir / spec.name;
        spec.cluster_port = cluster_ports[static_cast<std::size_t>(i)];
        for (int j = 0; j < size; ++j)
            if (j != i) spec.routes.push_back(cluster_ports[static_cast<std::size_t>(j)]);
        servers.push_back(std::make_unique<NatsServer>(std::move(spec)));
    }
    return servers;
}

}  // namespace braid::test_support
