#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "metrics/registry.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::metrics;

TEST_CASE("counters, gauges and histograms render in the Prometheus text format", "[metrics]") {
    Registry registry;
    auto& requests = registry.counter("braid_http_requests_total", "Requests answered.", {"route", "status"});
    requests.with({"search", "200"}).add();
    requests.with({"search", "200"}).add(2);
    requests.with({"health", "200"}).add();
    registry.gauge("braid_http_open_connections", "Open connections.").with().set(3);
    auto& latency = registry.histogram("braid_search_seconds", "Search latency.", {}, {0.001, 0.01});
    latency.with().observe(0.001);   // on a bound: counted in that bucket (le = less or equal)
    latency.with().observe(0.005);
    latency.with().observe(7);
    registry.add_collector([] {
        return std::vector<CollectedFamily>{{"braid_collection_documents", "Live documents.", MetricType::gauge,
                                             {"collection"}, {{{"docs"}, 42}}}};
    });
    CHECK(registry.render() ==
          "# HELP braid_http_requests_total Requests answered.\n"
          "# TYPE braid_http_requests_total counter\n"
          "braid_http_requests_total{route=\"health\",status=\"200\"} 1\n"
          "braid_http_requests_total{route=\"search\",status=\"200\"} 3\n"
          "# HELP braid_http_open_connections Open connections.\n"
          "# TYPE braid_http_open_connections gauge\n"
          "braid_http_open_connections 3\n"
          "# HELP braid_search_seconds Search latency.\n"
          "# TYPE braid_search_seconds histogram\n"
          "braid_search_seconds_bucket{le=\"0.001\"} 1\n"
          "braid_search_seconds_bucket{le=\"0.01\"} 2\n"
          "braid_search_seconds_bucket{le=\"+Inf\"} 3\n"
          "braid_search_seconds_sum 7.006\n"
          "braid_search_seconds_count 3\n"
          "# HELP braid_collection_documents Live documents.\n"
          "# TYPE braid_collection_documents gauge\n"
          "braid_collection_documents{collection=\"docs\"} 42\n");
}

TEST_CASE("label values and help texts are escaped", "[metrics]") {
    Registry registry;
    registry.counter("x_total", "a \\ backslash\nand a newline", {"name"}).with({"say \"hi\"\\\n"}).add();
    CHECK(registry.render() ==
          "# HELP x_total a \\\\ backslash\\nand a newline\n"
          "# TYPE x_total counter\n"
          "x_total{name=\"say \\\"hi\\\"\\\\\\n\"} 1\n");
}

TEST_CASE("names Prometheus would refuse, twice-registered names and wrong label counts throw", "[metrics]") {
    Registry registry;
    CHECK_THROWS_AS(registry.counter("9lives_total", "x"), std::invalid_argument);
    CHECK_THROWS_AS(registry.counter("a-b", "x"), std::invalid_argument);
    CHECK_THROWS_AS(registry.counter("ok_total", "x", {"__reserved"}), std::invalid_argument);
    CHECK_THROWS_AS(registry.histogram("h_seconds", "x", {"le"}, {1}), std::invalid_argument);
    CHECK_THROWS_AS(registry.histogram("h2_seconds", "x", {}, {2, 1}), std::invalid_argument);
    auto& family = registry.counter("ok_total", "x", {"route"});
    CHECK_THROWS_AS(registry.gauge("ok_total", "x"), std::invalid_argument);
    CHECK_THROWS_AS(family.with({}), std::invalid_argument);
    CHECK_THROWS_AS(family.with({"a", "b"}), std::invalid_argument);
    CHECK(&family.with({"a"}) == &family.with({"a"}));  // one instrument per label values, stable
}

TEST_CASE("counts from many threads add up exactly", "[metrics][concurrency]") {
    Registry registry;
    auto& counter = registry.counter("c_total", "x", {"t"});
    auto& histogram = registry.histogram("h_seconds", "x", {}, latency_buckets());
    constexpr int threads = 4, each = 20000;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < each; ++i) {
                counter.with({std::to_string(t % 2)}).add();
                histogram.with().observe(0.25);  // a bucket bound, and exact in binary
            }
        });
    }
    for (auto& thread : pool) thread.join();
    CHECK(counter.with({"0"}).value() + counter.with({"1"}).value() == threads * each);
    const auto snap = histogram.with().snapshot();
    CHECK(snap.count == std::uint64_t{threads * each});
    CHECK(snap.sum == 0.25 * threads * each);
    const auto at = std::find(snap.upper_bounds.begin(), snap.upper_bounds.end(), 0.25) - snap.upper_bounds.begin();
    CHECK(snap.cumulative[static_cast<std::size_t>(at)] == snap.count);
    CHECK(snap.cumulative[static_cast<std::size_t>(at) - 1] == 0);
}

TEST_CASE("promtool accepts the exposition, lint included", "[metrics][promtool]") {
    Registry registry;
    registry.counter("braid_http_requests_total", "Requests answered.", {"route", "status"}).with({"search", "200"}).add();
    registry.gauge("braid_process_resident_memory_bytes", "Resident set size.").with().set(1e8);
    registry.histogram("braid_http_request_duration_seconds", "Request latency.", {"route"}, latency_buckets())
        .with({"search"})
        .observe(0.0031);
    registry.add_collector([] {
        return std::vector<CollectedFamily>{{"braid_collection_documents", "Live documents.", MetricType::gauge,
                                             {"collection"}, {{{"a"}, 1}, {{"b"}, 2}}}};
    });
    braid::test_support::TempDir dir;
    const auto file = dir.write("metrics.txt", registry.render());
    // Debian's prometheus package (scripts/setup.sh installs it).
    const std::string command = "promtool check metrics < " + file.string() + " > " + (dir / "out").string() + " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream out(dir / "out");
    const std::string said((std::istreambuf_iterator<char>(out)), {});
    INFO(said);
    CHECK(status == 0);
    CHECK(said.empty());  // no lint remarks either
}
