#pragma once
// Reading a stream in order through an ordered consumer. Internal to cluster/ (JetStreamLog::follow).
#include <cstdint>
#include <string>

#include "cluster/nats_connection.hpp"
#include "cluster/replicated_log.hpp"

typedef struct __natsSubscription natsSubscription;

namespace braid::cluster {

class JetStreamCursor final : public LogCursor {
public:
    // `subject` may be a wildcard ("braid.docs.*"). from_sequence 0 or 1: from the first record.
    JetStreamCursor(NatsConnection& connection, const std::string& stream, const std::string& subject,
                    std::uint64_t from_sequence);
    ~JetStreamCursor() override;
    JetStreamCursor(const JetStreamCursor&) = delete;
    JetStreamCursor& operator=(const JetStreamCursor&) = delete;

    std::optional<LogRecord> next(std::chrono::milliseconds wait) override;

private:
    natsSubscription* subscription_ = nullptr;
};

}  // namespace braid::cluster
