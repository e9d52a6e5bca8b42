#pragma once
// Many records into a collection's stream without waiting for each acknowledgement: every
// publish goes out at once (libnats' asynchronous publish on a JetStream context of its own),
// the acknowledgements are collected as they come, and finish() waits for the last one. A record
// whose publish failed in a way that may heal (timeout, no leader yet) is published again with
// the same message id, so the stream stores it once even when the first copy did arrive.
// Internal to cluster/ (ReplicatedCollection::bulk).
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cluster/jetstream_log.hpp"
#include "core/error.hpp"

// The libnats types, declared exactly as <nats/nats.h> does (cluster/nats_connection.hpp).
typedef struct __jsCtx jsCtx;
typedef struct __natsMsg natsMsg;
typedef struct jsPubAck jsPubAck;
typedef struct jsPubAckErr jsPubAckErr;

namespace braid::cluster {

struct PublishOutcome {
    std::uint64_t sequence = 0;  // the record's stream sequence, when it was stored
    std::optional<Error> error;  // why it was not (after the retries)
};

class JetStreamBatchPublisher {
public:
    // The log (and its connection) must outlive the publisher.
    explicit JetStreamBatchPublisher(JetStreamLog& log);
    ~JetStreamBatchPublisher();
    JetStreamBatchPublisher(const JetStreamBatchPublisher&) = delete;
    JetStreamBatchPublisher& operator=(const JetStreamBatchPublisher&) = delete;

    // Sends one record to the shard's subject; its outcome is finish()'s element `index`, where
    // `index` is the number of records published before it. msg_id must be unique to the record.
    void publish(std::uint32_t shard, std::string payload, std::string msg_id);
    // Waits for every acknowledgement (each publish has the connection's request timeout), retries
    // what failed but may heal, and answers one outcome per record in publish order.
    std::vector<PublishOutcome> finish();

private:
    struct Pending {
        std::uint32_t shard = 0;
        std::string payload;
        std::string msg_id;
    };
    static void on_ack(jsCtx* js, natsMsg* message, jsPubAck* ack, jsPubAckErr* error, void* closure);
    void settle(std::size_t index, PublishOutcome outcome);

    JetStreamLog& log_;
    jsCtx* context_ = nullptr;
    std::vector<Pending> records_;
    std::mutex mutex_;  // guards outcomes_ and by_msg_id_ (acknowledgements arrive on libnats' thread)
    std::vector<std::optional<PublishOutcome>> outcomes_;
    std::map<std::string, std::size_t, std::less<>> by_msg_id_;
};

}  // namespace braid::cluster
