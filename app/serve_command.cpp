#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>

#include "app/cli_args.hpp"
#include "app/cluster_routes.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "app/server_metrics.hpp"
#include "app/startup_log.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "app/memory_reclaimer.hpp"
#include "http/access_log.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/traffic_recorder.hpp"

namespace braid::app {

int serve_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "port"}, {});
    if (!args.positionals().empty()) {
        throw Error(ErrorKind::invalid_argument, "usage", "unexpected argument " + args.positionals()[0]);
    }
    // Before the catalog, which records into it until it is gone.
    metrics::Registry metrics;
    Runtime runtime = open_runtime(args.required("config"), "braid serve");
    auto& server = runtime.config.server;
    if (const auto port = args.number("port")) {
        if (*port > 65535) throw Error(ErrorKind::invalid_argument, "usage", "--port must be 0..65535");
        server.port = static_cast<std::uint16_t>(*port);
    }
    http::ApiOptions api_options;
    api_options.api_key = server.api_key;
    api_options.limits = {server.max_k, server.max_offset, server.max_window, server.max_query_terms};
    api_options.cors_origins = server.cors_origins;
    // BRAID_METRICS=off records nothing and serves no /metrics (to measure what recording costs:
    // bench/metrics_cost.sh).
    const char* metrics_switch = std::getenv("BRAID_METRICS");
    const bool record_metrics = metrics_switch == nullptr || std::string_view(metrics_switch) != "off";
    if (record_metrics) {
        api_options.metrics = &metrics;
        runtime.catalog->record_metrics(metrics);
    }
    const http::Api api(*runtime.catalog, api_options);

    http::ServerOptions options;
    options.host = server.host;
    options.port = server.port;
    options.threads = server.threads;
    options.max_body_bytes = server.max_body_bytes;
    options.request_timeout_ms = server.request_timeout_ms;
    options.tls_cert_file = server.tls_cert;
    options.tls_key_file = server.tls_key;
    options.offload = http::runs_on_workers;  // searches on a pool sized to the cores
    options.workers = server.search_workers;
    options.queue = server.search_queue;
    if (server.access_log) options.access_log = std::make_shared<const http::AccessLog>(*server.access_log);
    std::optional<MemoryReclaimer> reclaimer;
    if (server.release_memory_every_ms > 0) {
        reclaimer.emplace(MemoryReclaimer::Options{std::chrono::milliseconds(server.release_memory_every_ms)});
    }
    // BRAID_RECORD_TRAFFIC=FOLDER: every request and answer as JSON lines (tests/openapi/ checks them).
    std::unique_ptr<http::TrafficRecorder> traffic;
    if (const char* folder = std::getenv("BRAID_RECORD_TRAFFIC"); folder != nullptr && *folder != '\0') {
        traffic = std::make_unique<http::TrafficRecorder>(folder);
    }
    cluster::ClusterNode* const cluster = runtime.cluster.get();
    const std::optional<std::string> api_key = server.api_key;
    http::Server http_server(options, [&api, &traffic, cluster, api_key](const http::Request& request) {
        if (cluster != nullptr) {
            if (auto answer = cluster_route(*cluster, request, api_key)) return *answer;
        }
        http::Response response = api.handle(request);
        if (traffic) traffic->record(request, response);
        return response;
    });
    if (record_metrics) add_serve_collectors(metrics, *runtime.catalog, http_server);
    runtime.catalog->advertise(std::string(server.tls_cert.empty() ? "http://" : "https://") + server.host + ":" + std::to_string(http_server.port()));
    std::cerr << (server.api_key ? "braid: API key enforced: every route but GET /health and GET / needs "
                                   "\"Authorization: Bearer <key>\"\n"
                                 : "braid: no API key (server.api_key, BRAID_API_KEY): the API is open to anyone "
                                   "who can reach " + server.host + "\n");
    if (!server.cors_origins.empty()) {
        std::string origins;
        for (const auto& origin : server.cors_origins) origins += (origins.empty() ? "" : ", ") + origin;
        std::cerr << "braid: CORS allowed for " << origins << "\n";
    }
    if (runtime.config.cluster)
        std::cerr << "braid: cluster " << json_text(config::to_json(*runtime.config.cluster)) << "\n";
    log_collections(std::cerr, *runtime.catalog, runtime.config, args.required("config"));
    http_server.run();
    std::cerr << "braid: stopped accepting; writing a snapshot of every collection\n";
    runtime.catalog->snapshot();
    if (runtime.cluster) runtime.cluster->snapshot_all();
    std::cerr << "braid: bye\n";
    return 0;
}

}  // namespace braid::app
