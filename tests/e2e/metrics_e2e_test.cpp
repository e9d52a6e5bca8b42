// GET /metrics on a live server: exact counts, promtool's check, and a real Prometheus server
// scraping braid on loopback and answering a counter and a histogram through its HTTP API.
#include <catch2/catch.hpp>

#include <chrono>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/error.hpp"
#include "tests/support/braid_process.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string url_encoded(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '_' || c == '-' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// Asks Prometheus for an instant vector until it has one sample (it scrapes every second), then
// returns that sample's value; "" when none came within the patience.
std::string query_prometheus(std::uint16_t port, const std::string& promql, ChildProcess& prometheus) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && prometheus.running()) {
        try {
            Client client("127.0.0.1", port, std::chrono::seconds(5));
            const auto answer = client.request("GET", "/api/v1/query?query=" + url_encoded(promql));
            if (answer.status == 200) {
                const auto result = json::parse(answer.body).at("data").at("result").as_array();
                if (!result.empty()) return std::string(result.at(0).at("value").at(1).as_string());
            }
        } catch (const braid::Error&) {
            // not listening yet
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));  // polls an outside server
    }
    return "";
}

}  // namespace

TEST_CASE("/metrics counts what was answered and passes promtool", "[e2e][metrics]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    REQUIRE(json_of(c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(40), "application/x-ndjson"))
                .at("indexed") == 40);
    for (int i = 0; i < 3; ++i) REQUIRE(c.request("GET", "/health").status == 200);
    REQUIRE(c.request("POST", "/collections/docs/search", R"({"query": "cat"})").status == 200);
    REQUIRE(c.request("POST", "/collections/docs/search", R"({"query": "dog", "k": 0})").status == 400);
    REQUIRE(c.request("GET", "/no/such/route").status == 404);

    const auto metrics = c.request("GET", "/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = metrics.body;
    CHECK(contains(text, "braid_http_requests_total{route=\"/health\",method=\"GET\",status=\"200\"} 3\n"));
    CHECK(contains(text,
                   "braid_http_requests_total{route=\"/collections/{name}/search\",method=\"POST\",status=\"200\"} 1\n"));
    CHECK(contains(text,
                   "braid_http_requests_total{route=\"/collections/{name}/search\",method=\"POST\",status=\"400\"} 1\n"));
    CHECK(contains(text, "braid_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"));
    CHECK(contains(text, "braid_http_request_duration_seconds_count{route=\"/collections/{name}/search\"} 2\n"));
    CHECK(contains(text, "braid_collection_documents{collection=\"docs\"} 40\n"));
    CHECK(contains(text, "braid_collection_vectors{collection=\"docs\"} 40\n"));
    CHECK(contains(text, "braid_http_open_connections 1\n"));
    CHECK(contains(text, "braid_process_resident_memory_bytes "));

    const auto file = dir.write("metrics.txt", text);
    const std::string check = "promtool check metrics < " + file.string() + " > " + (dir / "promtool.out").string() + " 2>&1";
    const int status = std::system(check.c_str());
    std::ifstream said(dir / "promtool.out");
    INFO(std::string(std::istreambuf_iterator<char>(said), {}));
    CHECK(status == 0);
}

TEST_CASE("/metrics needs the API key", "[e2e][metrics][auth]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config(R"(, "api_key": "k")")));
    Client c("127.0.0.1", server.port());
    CHECK(c.request("GET", "/metrics").status == 401);
    CHECK(c.request("GET", "/metrics", "", "", {{"Authorization", "Bearer k"}}).status == 200);
}

TEST_CASE("a real Prometheus server scrapes braid and reads back a counter and a histogram", "[e2e][metrics][prometheus]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    REQUIRE(c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(10), "application/x-ndjson").status == 200);
    for (int i = 0; i < 5; ++i) REQUIRE(c.request("GET", "/health").status == 200);
    for (int i = 0; i < 2; ++i) REQUIRE(c.request("POST", "/collections/docs/search", R"({"query": "cat"})").status == 200);

    const std::uint16_t port = free_loopback_port();
    const auto config = dir.write("prometheus.yml", "global:\n  scrape_interval: 1s\nscrape_configs:\n"
                                                    "  - job_name: braid\n    static_configs:\n"
                                                    "      - targets: ['127.0.0.1:" + std::to_string(server.port()) + "']\n");
    ChildProcess prometheus({"prometheus", "--config.file=" + config.string(),
                             "--storage.tsdb.path=" + (dir / "tsdb").string(),
                             "--web.listen-address=127.0.0.1:" + std::to_string(port)},
                            dir / "prometheus.log");
    INFO(prometheus.log());
    CHECK(query_prometheus(port, R"(braid_http_requests_total{job="braid",route="/health",status="200"})", prometheus) == "5");
    CHECK(query_prometheus(port, R"(braid_http_request_duration_seconds_count{route="/collections/{name}/search"})",
                           prometheus) == "2");
    CHECK(query_prometheus(port, R"(braid_http_request_duration_seconds_bucket{route="/collections/{name}/search",le="+Inf"})",
                           prometheus) == "2");
    CHECK(query_prometheus(port, R"(braid_collection_documents{collection="docs"})", prometheus) == "10");
}
