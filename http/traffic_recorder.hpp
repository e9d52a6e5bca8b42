#pragma once
#include <filesystem>
#include <mutex>

#include "http/message.hpp"

namespace braid::http {

// Writes every request and its answer as one JSON line, for checking the traffic of a test run
// against openapi.yaml (tests/openapi/). `serve` turns it on when BRAID_RECORD_TRAFFIC names a
// folder; each process appends to its own file there, traffic-<pid>.ndjson. A line holds
// method, target, request_content_type, request_body, route (the matched pattern, "unmatched" when none),
// status, content_type and body. Bodies are bytes: each byte is written as the code point of the
// same number (\u00XX above 0x7F), so invalid UTF-8 sent by a test survives.
class TrafficRecorder {
public:
    explicit TrafficRecorder(const std::filesystem::path& folder);
    ~TrafficRecorder();
    TrafficRecorder(const TrafficRecorder&) = delete;
    TrafficRecorder& operator=(const TrafficRecorder&) = delete;

    void record(const Request& request, const Response& response);

private:
    std::mutex mutex_;
    int fd_ = -1;
};

}  // namespace braid::http
