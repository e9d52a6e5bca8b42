#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace braid::http {

class AccessLog;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 7700;               // 0: an ephemeral port (see Server::port())
    unsigned threads = 0;                    // 0: one per core this process may run on
    std::uint64_t max_body_bytes = 64ull << 20;
    unsigned request_timeout_ms = 30000;     // per read of a request (header, then body)
    unsigned shutdown_grace_ms = 10000;      // in-flight requests get this long after SIGTERM
    bool handle_signals = true;              // SIGTERM / SIGINT stop the server gracefully
    std::shared_ptr<const AccessLog> access_log;  // null: no access log
    // PEM files; both set: HTTPS only (TLS 1.2 and up) on the port.
    std::string tls_cert_file, tls_key_file;
    // Requests for which this is true (searches): at most `workers` run at once, on the I/O thread
    // that read them, with as many standby threads taking over the I/O of one that runs long, so a
    // burst of slow ones cannot starve /health, writes or new connections (http/search_pool.hpp).
    std::function<bool(const Request&)> offload;
    unsigned workers = 0;      // 0: one per core this process may run on (its CPU affinity)
    std::size_t queue = 1024;  // searches waiting for a place beyond it are answered 503 at once
};

// Called on an I/O thread (or a standby of the search pool) for every complete request; must not
// throw (Api::handle never does).
using RequestHandler = std::function<Response(const Request&)>;

// The asynchronous HTTP/1.1 server (Boost.Beast) on a pool of threads, with keep-alive, body and
// header limits, read timeouts and graceful shutdown. Knows nothing of collections.
class Server {
public:
    // Binds and listens at once; throws braid::Error(io) when the address cannot be bound.
    Server(ServerOptions options, RequestHandler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    std::uint16_t port() const;   // the bound port (the real one when options.port was 0)
    std::size_t open_connections() const;

    // Prints "braid listening on http://HOST:PORT" (flushed) and serves until SIGTERM/SIGINT or
    // stop(): then stops accepting, lets in-flight requests finish, closes idle connections, returns.
    void run();
    // Starts the same graceful stop from any thread.
    void stop();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace braid::http
