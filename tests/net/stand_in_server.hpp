#pragma once
// A protocol-faithful stand-in for a model service: a real HTTP/1.1 server (optionally TLS) on
// 127.0.0.1 and an ephemeral port, one thread per connection, keep-alive, whose answers come from
// a handler the test supplies. It counts connections and requests so tests can check reuse.
// Header-only; shared by tests/net, tests/inference and bench/bench_inference.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace braid::test {

struct ReceivedRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names lowercased
    std::string body;
    std::size_t connection = 0;  // 1-based number of the connection it came on
    std::size_t number = 0;      // 1-based number of the request, over the server's life

    std::string header(const std::string& lower_name) const {
        const auto it = headers.find(lower_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

struct Reply {
    enum class Action {
        respond,   // write the answer below
        close,     // close the connection without answering
        hold,      // never answer; wait until the client gives up (closes) or the server stops
    };
    Action action = Action::respond;
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool close_after = false;                   // answer with Connection: close, then close
    bool drop_after = false;                    // answer as if keeping alive, then close anyway
    bool chunked = false;                       // Transfer-Encoding: chunked, in 1000-byte chunks
    std::chrono::milliseconds latency{0};       // simulated service time (benchmarks only)

    static Reply json(std::string body, int status = 200) {
        Reply r;
        r.status = status;
        r.body = std::move(body);
        r.headers.emplace_back("Content-Type", "application/json");
        return r;
    }
    static Reply closing() {
        Reply r;
        r.action = Action::close;
        return r;
    }
    static Reply holding() {
        Reply r;
        r.action = Action::hold;
        return r;
    }
};

using Handler = std::function<Reply(const ReceivedRequest&)>;

// Certificate and key (PEM files) a TLS stand-in presents.
struct TlsIdentity {
    std::string cert_file;
    std::string key_file;
};

class StandInServer {
public:
    explicit StandInServer(Handler handler, const TlsIdentity* tls = nullptr) : handler_(std::move(handler)) {
        if (tls != nullptr) {
            // SSL_write to a peer that has closed raises SIGPIPE (plain writes pass MSG_NOSIGNAL):
            // the write must fail with EPIPE instead of ending the test process.
            std::signal(SIGPIPE, SIG_IGN);
            ssl_ctx_ = SSL_CTX_new(TLS_server_method());
            if (ssl_ctx_ == nullptr || SSL_CTX_use_certificate_chain_file(ssl_ctx_, tls->cert_file.c_str()) != 1 ||
                SSL_CTX_use_PrivateKey_file(ssl_ctx_, tls->key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
                throw std::runtime_error("stand-in: cannot load the TLS identity");
            }
        }
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 128) != 0) {
            throw std::runtime_error("stand-in: cannot listen on 127.0.0.1");
        }
        socklen_t len = sizeof addr;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~StandInServer() { stop(); }
    StandInServer(const StandInServer&) = delete;
    StandInServer& operator=(const StandInServer&) = delete;

    void stop() {
        if (stopping_.exchange(true)) return;
        ::shutdown(listen_fd_, SHUT_RDWR);
        acceptor_.join();
        ::close(listen_fd_);
        std::vector<std::thread> threads;
        {
            std::lock_guard lock(mutex_);
            for (const int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
            threads = std::move(threads_);
        }
        for (auto& t : threads) t.join();
        if (ssl_ctx_ != nullptr) SSL_CTX_free(ssl_ctx_);
    }

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "") const {
        return std::string(ssl_ctx_ != nullptr ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
    }
    std::size_t connections_accepted() const { return connections_.load(); }
    std::size_t requests_received() const { return requests_.load(); }
    std::size_t tls_handshakes_failed() const { return tls_failures_.load(); }
    // The SNI host name of each TLS connection accepted ("" when the client sent none).
    std::vector<std::string> server_names() {
        std::lock_guard lock(mutex_);
        return server_names_;
    }
    // Blocks until `n` connections have ended (closed by either side).
    void wait_connections_closed(std::size_t n) {
        std::unique_lock lock(mutex_);
        closed_cv_.wait(lock, [&] { return closed_ >= n; });
    }

private:
    // A connection's byte stream, plain or TLS.
    struct Channel {
        int fd = -1;
        SSL* ssl = nullptr;
        long read(char* buf, std::size_t n) const {
            if (ssl != nullptr) {
                const int r = SSL_read(ssl, buf, static_cast<int>(n));
                return r > 0 ? r : 0;
            }
            const ssize_t r = ::recv(fd, buf, n, 0);
            return r > 0 ? r : 0;
        }
        bool write(const std::string& data) const {
            std::size_t done = 0;
            while (done < data.size()) {
                const long w = ssl != nullptr ? SSL_write(ssl, data.data() + done, static_cast<int>(data.size() - done))
                                              : ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
                if (w <= 0) return false;
                done += static_cast<std::size_t>(w);
            }
            return true;
        }
    };

    void accept_loop() {
        while (!stopping_.load()) {
            const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                if (stopping_.load()) return;
                continue;
            }
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            const std::size_t number = ++connections_;
            std::lock_guard lock(mutex_);
            if (stopping_.load()) {
                ::close(fd);
                return;
            }
            open_fds_.push_back(fd);
            threads_.emplace_back([this, fd, number] { serve(fd, number); });
        }
    }

    void serve(int fd, std::size_t connection_number) {
        Channel channel{fd, nullptr};
        if (ssl_ctx_ != nullptr) {
            channel.ssl = SSL_new(ssl_ctx_);
            SSL_set_fd(channel.ssl, fd);
            if (SSL_accept(channel.ssl) != 1) {
                ++tls_failures_;
                ERR_clear_error();
                finish(channel);
                return;
            }
            const char* sni = SSL_get_servername(channel.ssl, TLSEXT_NAMETYPE_host_name);
            std::lock_guard lock(mutex_);
            server_names_.push_back(sni != nullptr ? sni : "");
        }
        std::string buffer;
        while (!stopping_.load()) {
            ReceivedRequest request;
            if (!read_request(channel, buffer, request)) break;
            request.connection = connection_number;
            request.number = ++requests_;
            Reply reply = handler_(request);
            if (reply.action == Reply::Action::close) break;
            if (reply.action == Reply::Action::hold) {
                char sink[4096];
                while (channel.read(sink, sizeof sink) > 0) {
                }
                break;
            }
            if (reply.latency.count() > 0) std::this_thread::sleep_for(reply.latency);
            const bool close = reply.close_after || lower(request.header("connection")) == "close";
            if (!channel.write(format(reply, close)) || close || reply.drop_after) break;
        }
        finish(channel);
    }

    void finish(Channel& channel) {
        if (channel.ssl != nullptr) {
            SSL_shutdown(channel.ssl);
            SSL_free(channel.ssl);
        }
        std::lock_guard lock(mutex_);
        open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), channel.fd), open_fds_.end());
        ::close(channel.fd);
        ++closed_;
        closed_cv_.notify_all();
    }

    static std::string lower(std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    }

    static bool read_request(const Channel& channel, std::string& buffer, ReceivedRequest& out) {
        char chunk[16384];
        std::size_t header_end;
        while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
            const long n = channel.read(chunk, sizeof chunk);
            if (n <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
        const std::string head = buffer.substr(0, header_end);
        buffer.erase(0, header_end + 4);
        std::size_t line_end = head.find("\r\n");
        const std::string request_line = head.substr(0, line_end);
        const auto sp1 = request_line.find(' ');
        const auto sp2 = request_line.find(' ', sp1 + 1);
        out.method = request_line.substr(0, sp1);
        out.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
        while (line_end != std::string::npos) {
            const std::size_t start = line_end + 2;
            line_end = head.find("\r\n", start);
            const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            out.headers[lower(line.substr(0, colon))] = value;
        }
        const std::size_t length = out.headers.count("content-length") ? std::stoul(out.headers["content-length"]) : 0;
        while (buffer.size() < length) {
            const long n = channel.read(chunk, sizeof chunk);
            if (n <= 0) return false;
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
        out.body = buffer.substr(0, length);
        buffer.erase(0, length);
        return true;
    }

    static std::string format(const Reply& reply, bool close) {
        std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) + "\r\n";
        for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
        if (close) out += "Connection: close\r\n";
        if (!reply.chunked) {
            out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
            return out;
        }
        out += "Transfer-Encoding: chunked\r\n\r\n";
        for (std::size_t at = 0; at < reply.body.size(); at += 1000) {
            const std::string chunk = reply.body.substr(at, 1000);
            char size[16];
            std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
            out += size + chunk + "\r\n";
        }
        out += "0\r\n\r\n";
        return out;
    }

    static const char* reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    Handler handler_;
    SSL_CTX* ssl_ctx_ = nullptr;
    int listen_fd_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    std::atomic<std::size_t> requests_{0};
    std::atomic<std::size_t> tls_failures_{0};
    std::thread acceptor_;
    std::mutex mutex_;
    std::condition_variable closed_cv_;
    std::size_t closed_ = 0;
    std::vector<int> open_fds_;
    std::vector<std::string> server_names_;
    std::vector<std::thread> threads_;
};

}  // namespace braid::test
