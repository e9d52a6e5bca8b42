#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

namespace braid::http {

struct AccessRecord {
    std::chrono::system_clock::time_point time;
    std::string method, target, route, collection, request_id;
    unsigned status = 0;
    std::uint64_t bytes = 0;     // the answer's body as sent (compressed when it was)
    double duration_seconds = 0;
};

// One JSON line per answered request ({"time","method","path","route","collection","status",
// "bytes","duration_ms","request_id"}) on stderr or appended to a file. Thread-safe.
class AccessLog {
public:
    // "stderr", or a file path (created or appended to). Throws braid::Error(io) when it cannot be opened.
    explicit AccessLog(const std::string& destination);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void write(const AccessRecord& record) const;

private:
    std::FILE* file_;
    bool owned_;
    mutable std::mutex mutex_;
};

}  // namespace braid::http
