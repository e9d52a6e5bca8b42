#include "http/request_metrics.hpp"

#include <string>

namespace braid::http {

RequestMetrics::RequestMetrics(metrics::Registry& registry)
    : requests_(registry.counter("braid_http_requests_total", "HTTP requests answered, by route, method and status.",
                                 {"route", "method", "status"})),
      duration_(registry.histogram("braid_http_request_duration_seconds",
                                   "Time from a complete request to its answer, by route.", {"route"},
                                   metrics::latency_buckets())) {}

namespace {

// Methods are client input: anything unusual is counted as "other", so no client can grow the
// label set.
std::string method_label(std::string_view method) {
    for (const std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
        if (method == known) return std::string(known);
    }
    return "other";
}

}  // namespace

void RequestMetrics::record(std::string_view method, std::string_view route, unsigned status, double seconds) const {
    const std::string route_label(route);
    requests_.with({route_label, method_label(method), std::to_string(status)}).add();
    duration_.with({route_label}).observe(seconds);
}

}  // namespace braid::http
