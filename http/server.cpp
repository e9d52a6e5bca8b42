#include "http/server.hpp"

#include <csignal>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "core/error.hpp"
#include "http/search_pool.hpp"
#include "http/session.hpp"

namespace braid::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
    Impl(ServerOptions opts, RequestHandler h)
        : options(std::move(opts)),
          handler(std::move(h)),
          strand(asio::make_strand(io)),
          acceptor(strand),
          signals(strand),
          drain_timer(strand),
          registry(std::make_shared<SessionRegistry>()) {}

    // Loads the certificate chain and key; a file that cannot be read or a key that does not match
    // the certificate is a config error naming the file.
    void load_tls() {
        if (options.tls_cert_file.empty() && options.tls_key_file.empty()) return;
        tls.emplace(asio::ssl::context::tls_server);
        tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                         asio::ssl::context::single_dh_use);
        boost::system::error_code ec;
        tls->use_certificate_chain_file(options.tls_cert_file, ec);
        if (ec) {
            throw Error(ErrorKind::invalid_argument, "config_error",
                        "server.tls.cert: cannot use " + options.tls_cert_file + ": " + ec.message(), "server.tls.cert");
        }
        tls->use_private_key_file(options.tls_key_file, asio::ssl::context::pem, ec);
        if (ec) {
            throw Error(ErrorKind::invalid_argument, "config_error",
                        "server.tls.key: cannot use " + options.tls_key_file + ": " + ec.message(), "server.tls.key");
        }
    }

    void listen() {
        boost::system::error_code ec;
        const auto address = asio::ip::make_address(options.host, ec);
        if (ec) {
            throw Error(ErrorKind::invalid_argument, "config_error",
                        "server.host: \"" + options.host + "\" is not an IP address", "server.host");
        }
        const tcp::endpoint endpoint(address, options.port);
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            throw Error(ErrorKind::io, "listen_failed",
                        "cannot listen on " + options.host + ":" + std::to_string(options.port) +
                            ": " + ec.message());
        }
        bound_port = acceptor.local_endpoint().port();
    }

    void accept() {
        acceptor.async_accept(asio::make_strand(io),
                              [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
                                  self->on_accept(ec, std::move(socket));
                              });
    }

    void on_accept(boost::system::error_code ec, tcp::socket socket) {
        if (stopping) return;  // the socket closes as it goes out of scope
        if (!ec) {
            const SessionLimits limits{options.max_body_bytes, std::chrono::milliseconds(options.request_timeout_ms),
                                       options.access_log.get(), options.offload ? &options.offload : nullptr,
                                       workers ? &*workers : nullptr};
            if (tls) {
                start_tls_session(std::move(socket), *tls, handler, limits, registry);
            } else {
                start_session(std::move(socket), handler, limits, registry);
            }
        }
        // Transient failures (e.g. too many open files) must not end the accept loop.
        accept();
    }

    // Runs on the strand.
    void begin_stop() {
        if (stopping) return;
        stopping = true;
        boost::system::error_code ignored;
        acceptor.close(ignored);
        signals.cancel(ignored);
        registry->stop_all();
        deadline = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(options.shutdown_grace_ms);
        watch_drain();
    }

    // Lets io.run() return on its own once the last session has gone; forces it at the deadline.
    void watch_drain() {
        if (registry->active() == 0) return;
        if (std::chrono::steady_clock::now() >= deadline) {
            io.stop();
            return;
        }
        drain_timer.expires_after(std::chrono::milliseconds(20));
        drain_timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (!ec) self->watch_drain();
        });
    }

    ServerOptions options;
    RequestHandler handler;
    asio::io_context io;
    asio::strand<asio::io_context::executor_type> strand;
    tcp::acceptor acceptor;
    asio::signal_set signals;
    asio::steady_timer drain_timer;
    std::shared_ptr<SessionRegistry> registry;
    std::optional<asio::ssl::context> tls;  // set when serving HTTPS
    std::optional<SearchPool> workers;  // set in run() when options.offload is
    std::chrono::steady_clock::time_point deadline;
    std::uint16_t bound_port = 0;
    bool stopping = false;  // touched on the strand only
};

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(handler))) {
    impl_->load_tls();
    impl_->listen();
}

Server::~Server() = default;

std::size_t Server::open_connections() const { return impl_->registry->active(); }

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::run() {
    if (impl_->options.handle_signals) {
        impl_->signals.add(SIGINT);
        impl_->signals.add(SIGTERM);
        impl_->signals.async_wait([impl = impl_](boost::system::error_code ec, int) {
            if (!ec) impl->begin_stop();
        });
    }
    asio::post(impl_->strand, [impl = impl_] { impl->accept(); });
    std::cout << "braid listening on " << (impl_->tls ? "https://" : "http://") << impl_->options.host << ":" << impl_->bound_port
              << std::endl;

    unsigned threads = impl_->options.threads;
    if (threads == 0) threads = usable_cores();
    if (impl_->options.offload) {
        unsigned workers = impl_->options.workers;
        if (workers == 0) workers = usable_cores();
        impl_->workers.emplace(impl_->io, workers, impl_->options.queue);
    }
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& thread : pool) thread.join();
    if (impl_->workers) impl_->workers->stop();  // a search still running on a standby finishes first
}

void Server::stop() {
    asio::post(impl_->strand, [impl = impl_] { impl->begin_stop(); });
}

}  // namespace braid::http
