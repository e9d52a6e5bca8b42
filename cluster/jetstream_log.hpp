#pragma once
// A collection's journal on a NATS JetStream stream: one stream per collection (file storage,
// `replicas` copies kept by Raft), one subject per shard (cluster/subjects.hpp). Records carry a
// message id (the Nats-Msg-Id header) that the stream de-duplicates within its window.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/nats_connection.hpp"
#include "cluster/replicated_log.hpp"

namespace braid::cluster {

struct StreamSpec {
    std::string collection;
    int replicas = 1;  // 1..5; more than the cluster has servers fails (unavailable)
    // How long a msg_id is remembered: a retry later than this is stored again.
    std::chrono::seconds duplicate_window{120};
};

struct StreamState {
    std::uint64_t first_sequence = 0;  // the oldest record kept (last_sequence + 1 when empty)
    std::uint64_t last_sequence = 0;   // the newest record ever stored (0: none yet)
    std::uint64_t messages = 0;        // records, plus one record per trim subject (subjects.hpp)
    std::string leader;  // the server name of the stream's Raft leader ("" when not clustered)
};

class JetStreamLog {
public:
    // Creates the collection's stream, or brings an existing one to this spec (replicas, window).
    // The connection must outlive the log.
    JetStreamLog(NatsConnection& connection, StreamSpec spec);

    // Publishes to the shard's subject and waits for the stream's acknowledgement.
    AppendResult append(std::uint32_t shard, std::string_view payload, std::string_view msg_id);
    // Every shard (or one) from `from_sequence` on, in stream order, through an ordered consumer
    // (ephemeral, no acks, recreated by libnats after a gap or a server change). Throws
    // Error(not_found, "log_trimmed") when a trim of those shards went through from_sequence or
    // later (ReplicatedLog::follow).
    std::unique_ptr<LogCursor> follow(std::uint64_t from_sequence, std::optional<std::uint32_t> shard = std::nullopt);
    // Removes the records with sequence <= `sequence` (of one shard's subject, or all), and records
    // the trim in the stream (subjects.hpp) so that follow() refuses to start before it.
    void trim_through(std::uint64_t sequence, std::optional<std::uint32_t> shard = std::nullopt);
    StreamState state() const;
    // Deletes the stream with every record (a dropped collection); a missing stream is no error.
    void delete_stream();

    // The ReplicatedLog of one shard: append publishes to its subject, follow reads only it.
    std::unique_ptr<ReplicatedLog> shard_log(std::uint32_t shard);

    const std::string& stream() const { return stream_; }
    NatsConnection& connection() const { return connection_; }
    const StreamSpec& spec() const { return spec_; }

private:
    void ensure_stream();
    void check_not_trimmed(std::uint64_t from_sequence, std::optional<std::uint32_t> shard) const;
    std::optional<std::uint64_t> trimmed_through(const std::string& trim_subject) const;
    std::vector<std::string> subjects_matching(const std::string& filter) const;

    NatsConnection& connection_;
    StreamSpec spec_;
    std::string stream_;
};

}  // namespace braid::cluster
