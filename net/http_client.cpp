#include "net/http_client.hpp"

#include <optional>
#include <random>
#include <thread>

#include <boost/asio/ssl/context.hpp>

namespace braid::net {

namespace ssl = boost::asio::ssl;

struct HttpClient::Tls {
    std::once_flag once;
    std::unique_ptr<ssl::context> context;
    std::string error;  // why the context could not be made
};

namespace {

std::uint64_t seed_of(const ClientOptions& options) {
    if (options.jitter_seed != 0) return options.jitter_seed;
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

std::string snippet(const std::string& body) {
    constexpr std::size_t limit = 200;
    std::string s = body.size() > limit ? body.substr(0, limit) + "..." : body;
    for (char& c : s) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
}

std::string attempts_text(int attempts) {
    return attempts == 1 ? "1 attempt" : std::to_string(attempts) + " attempts";
}

}  // namespace

HttpClient::HttpClient(ClientOptions options)
    : options_(std::move(options)), backoff_(options_.retry, seed_of(options_)), tls_(std::make_unique<Tls>()) {
    if (!options_.sleep) options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

HttpClient::~HttpClient() = default;

ConnectionPool& HttpClient::pool_for(const Url& url) {
    std::lock_guard lock(mutex_);
    auto& pool = pools_[url.origin()];
    if (!pool) pool = std::make_unique<ConnectionPool>(options_.max_connections_per_host);
    return *pool;
}

std::unique_ptr<Connection> HttpClient::open(const Url& url) {
    ssl::context* context = nullptr;
    if (url.tls()) {
        std::call_once(tls_->once, [&] {
            try {
                auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
                ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
                if (options_.ca_file.empty()) {
                    ctx->set_default_verify_paths();
                } else {
                    ctx->load_verify_file(options_.ca_file);
                }
                ctx->set_verify_mode(ssl::verify_peer);
                tls_->context = std::move(ctx);
            } catch (const std::exception& e) {
                tls_->error = options_.ca_file.empty() ? std::string("cannot load the system CA certificates: ") + e.what()
                                                       : "cannot load ca_file '" + options_.ca_file + "': " + e.what();
            }
        });
        if (!tls_->context) throw TransportFailure{FailureCause::tls, tls_->error};
        context = tls_->context.get();
    }
    ++connections_opened_;
    return Connection::open(url, context, options_.connect_timeout);
}

Response HttpClient::send(const Request& request) {
    const Url url = parse_url(request.url);
    ConnectionPool& pool = pool_for(url);
    const std::string what = request.method + " " + request.url;
    const int max_attempts = 1 + std::max(options_.retry.max_retries, 0);
    FailureCause last_cause = FailureCause::connect;
    int last_status = 0;
    std::string last_message;
    for (int attempt = 1;; ++attempt) {
        std::optional<std::chrono::milliseconds> retry_after;
        try {
            PoolLease lease = pool.acquire();
            std::optional<Response> response;
            while (!response) {
                if (lease.connection() == nullptr) lease.replace(open(url));
                try {
                    response = lease.connection()->exchange(request, url, options_.request_timeout,
                                                            options_.max_response_bytes);
                } catch (const TransportFailure& failure) {
                    lease.discard();
                    // A keep-alive connection the peer dropped while idle: not a failed attempt.
                    if (!(failure.nothing_received && lease.reused())) throw;
                }
            }
            if (!is_retryable_status(response->status)) return std::move(*response);
            last_cause = FailureCause::status;
            last_status = response->status;
            last_message = "HTTP " + std::to_string(response->status) +
                           (response->body.empty() ? std::string() : ": " + snippet(response->body));
            retry_after = parse_retry_after(response->header("Retry-After"), std::chrono::system_clock::now());
        } catch (const TransportFailure& failure) {
            last_cause = failure.cause;
            last_status = 0;
            last_message = failure.message;
            if (failure.cause == FailureCause::tls || failure.cause == FailureCause::protocol) {
                throw NetError(failure.cause, 0, request.url, what + " failed: " + failure.message);
            }
        }
        if (attempt >= max_attempts) break;
        if (retry_after && *retry_after > options_.retry.max_retry_after) {
            throw NetError(FailureCause::retry_after, last_status, request.url,
                           what + " failed: " + last_message + "; the service asks to retry after " +
                               std::to_string(retry_after->count() / 1000) + " s, longer than the " +
                               std::to_string(options_.retry.max_retry_after.count() / 1000) + " s allowed");
        }
        options_.sleep(retry_after ? *retry_after : backoff_.delay(attempt - 1));
    }
    throw NetError(last_cause, last_status, request.url,
                   what + " failed after " + attempts_text(max_attempts) + ": " + last_message);
}

}  // namespace braid::net
