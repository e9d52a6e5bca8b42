#pragma once
// One HTTP/1.1 connection (plain TCP or TLS) to one origin, driven by its own io_context so that
// every operation can carry a deadline while the caller's thread simply waits for it.
#include <chrono>
#include <memory>
#include <string>

#include "net/http_message.hpp"
#include "net/net_error.hpp"
#include "net/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace braid::net {

// A failed exchange, before the retry loop decides what to make of it.
struct TransportFailure {
    FailureCause cause;
    std::string message;
    // Nothing of an answer arrived: on a reused keep-alive connection the peer may simply have
    // closed it while idle, so one more attempt on a fresh connection is not a retry.
    bool nothing_received = false;
};

class Connection {
public:
    // Resolves, connects and (for https) handshakes with SNI and certificate + host name checks.
    // Throws TransportFailure.
    static std::unique_ptr<Connection> open(const Url& url, boost::asio::ssl::context* tls,
                                            std::chrono::milliseconds timeout);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Sends one request and reads its answer. Throws TransportFailure; afterwards the connection
    // is unusable.
    Response exchange(const Request& request, const Url& url, std::chrono::milliseconds timeout,
                      std::size_t max_body_bytes);

    // False once the peer asked to close, an exchange failed, or (checked without blocking) the
    // peer closed the idle connection.
    bool reusable() const;

private:
    struct Impl;
    explicit Connection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace braid::net
