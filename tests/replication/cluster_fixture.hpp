#pragma once
// Real nats-server processes and real `braid serve` nodes configured as one cluster, for the
// replication tests. Each node gets its own data folder and port (free_loopback_port), so a node
// can be killed and started again on the same address and data.
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "tests/support/nats_server.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/http_client.hpp"

namespace braid::replication_test {

struct NodeSpec {
    NodeSpec(std::string name_, std::filesystem::path dir_, std::uint16_t port_, std::vector<std::string> nats_,
             int replicas_ = 1, std::string collections_ = "[]", std::string holds_ = "", std::string cluster_extra_ = "")
        : name(std::move(name_)), dir(std::move(dir_)), port(port_), nats(std::move(nats_)), replicas(replicas_),
          collections(std::move(collections_)), holds(std::move(holds_)), cluster_extra(std::move(cluster_extra_)) {}
    std::string name;
    std::filesystem::path dir;
    std::uint16_t port = 0;
    std::vector<std::string> nats;
    int replicas = 1;
    std::string collections = "[]";  // the config's "collections"
    std::string holds;               // cluster.holds as JSON ("": absent, every shard)
    std::string cluster_extra;       // more members of "cluster", e.g. R"("trim_interval_ms": 200)"
};

inline std::filesystem::path write_node_config(const NodeSpec& spec) {
    std::filesystem::create_directories(spec.dir);
    const auto file = spec.dir / "braid.json";
    std::string nats;
    for (const auto& url : spec.nats) nats += (nats.empty() ? "\"" : ", \"") + url + "\"";
    std::ofstream(file) << R"({"server": {"port": )" << spec.port << R"(, "data_dir": "data"},
 "cluster": {"node": ")" << spec.name << R"(", "advertise": "http://127.0.0.1:)" << spec.port << R"(",
             "nats": [)" << nats << R"(], "replicas": )" << spec.replicas
                            << (spec.holds.empty() ? "" : ", \"holds\": " + spec.holds)
                            << (spec.cluster_extra.empty() ? "" : ", " + spec.cluster_extra) << R"(},
 "collections": )" << spec.collections << "}";
    return file;
}

// One braid node that can be stopped and started again on its port and data.
class Node {
public:
    explicit Node(NodeSpec spec) : spec_(std::move(spec)) {
        if (spec_.port == 0) spec_.port = test_support::free_loopback_port();
        config_ = write_node_config(spec_);
        start();
    }
    void start() {
        server_ = std::make_unique<test_support::BraidServer>(
            config_, test_support::ServeOptions::with_stderr_file(spec_.dir / ("serve-" + std::to_string(++starts_) + ".err")));
        client_ = std::make_unique<test_support::HttpClient>(server_->port());
    }
    void kill_hard() {
        client_.reset();
        server_->kill_hard();
        server_.reset();
    }
    int terminate() {
        client_.reset();
        const int status = server_->terminate();
        server_.reset();
        return status;
    }
    bool running() const { return server_ != nullptr; }
    test_support::HttpClient& http() { return *client_; }
    const NodeSpec& spec() const { return spec_; }
    std::string stderr_text() const { return server_ ? server_->stderr_text() : std::string(); }

private:
    NodeSpec spec_;
    std::filesystem::path config_;
    int starts_ = 0;
    std::unique_ptr<test_support::BraidServer> server_;
    std::unique_ptr<test_support::HttpClient> client_;
};

inline boost::json::value json_of(const test_support::HttpResponse& response) { return boost::json::parse(response.body); }

// The cluster sequence a write answered with (a search's min_sequence waits for it); the write must
// have succeeded.
inline std::uint64_t sequence_of(const test_support::HttpResponse& response) {
    INFO(response.body);
    REQUIRE(response.ok());
    return json_of(response).at("sequence").to_number<std::uint64_t>();
}

}  // namespace braid::replication_test
