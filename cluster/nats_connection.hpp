#pragma once
#include <chrono>
#include <string>
#include <vector>

// The libnats handle types, declared exactly as <nats/nats.h> does, so that this header does not
// pull libnats into every file that holds a connection.
typedef struct __natsConnection natsConnection;
typedef struct __jsCtx jsCtx;

namespace braid::cluster {

struct NatsOptions {
    std::vector<std::string> urls;   // "nats://host:port"; tried in the given order
    std::string name = "braid";      // the client name the servers show
    std::chrono::milliseconds connect_timeout{2000};
    std::chrono::milliseconds reconnect_wait{250};   // between attempts on the server list
    int max_reconnect = -1;                          // attempts before giving up; -1: forever
    // How long JetStream API calls and publish acknowledgements may take (a stream waiting for a
    // new Raft leader after a server died answers within a few seconds).
    std::chrono::milliseconds request_timeout{5000};
};

// One connection to a NATS cluster and its JetStream context. Reconnects on its own (to any
// server of the list, and the servers the cluster advertises) while alive; closed by the
// destructor. Thread-safe (libnats serialises use of the connection).
class NatsConnection {
public:
    // Throws braid::Error(invalid_argument) for an empty or malformed URL list and
    // braid::Error(unavailable, "nats_unavailable") when no server of the list answers.
    explicit NatsConnection(const NatsOptions& options);
    ~NatsConnection();
    NatsConnection(const NatsConnection&) = delete;
    NatsConnection& operator=(const NatsConnection&) = delete;

    bool connected() const;
    // The URL of the server currently connected to ("" while reconnecting).
    std::string connected_url() const;
    const NatsOptions& options() const { return options_; }

    // For the other classes of cluster/.
    natsConnection* native() const { return connection_; }
    jsCtx* jetstream() const { return jetstream_; }

private:
    NatsOptions options_;
    natsConnection* connection_ = nullptr;
    jsCtx* jetstream_ = nullptr;
};

}  // namespace braid::cluster
