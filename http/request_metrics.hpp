#pragma once
#include <string_view>

#include "metrics/registry.hpp"

namespace braid::http {

// What the API records of every request it answers: a count by route, method and status, and
// the latency by route. Routes are the route table's patterns ("/collections/{name}/search"),
// so the label set stays small whatever the clients send.
class RequestMetrics {
public:
    explicit RequestMetrics(metrics::Registry& registry);

    void record(std::string_view method, std::string_view route, unsigned status, double seconds) const;

private:
    metrics::Family<metrics::Counter>& requests_;
    metrics::Family<metrics::Histogram>& duration_;
};

}  // namespace braid::http
