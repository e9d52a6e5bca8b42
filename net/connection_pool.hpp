#pragma once
// Keep-alive connections to one origin, and the bound on requests in flight to it.
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "net/connection.hpp"

namespace braid::net {

class ConnectionPool;

// The right to have one request in flight, with the connection it uses (idle one reused, or none
// yet). Gives both back when it goes out of scope; the connection is kept only if still reusable.
class PoolLease {
public:
    PoolLease(ConnectionPool& pool, std::unique_ptr<Connection> connection);
    ~PoolLease();
    PoolLease(const PoolLease&) = delete;
    PoolLease& operator=(const PoolLease&) = delete;

    Connection* connection() const { return connection_.get(); }
    bool reused() const { return reused_; }
    void replace(std::unique_ptr<Connection> fresh) {
        connection_ = std::move(fresh);
        reused_ = false;
    }
    void discard() { connection_.reset(); }

private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
    bool reused_;
};

class ConnectionPool {
public:
    explicit ConnectionPool(std::size_t max_in_flight);
    // Waits until fewer than max_in_flight leases are out.
    PoolLease acquire();

private:
    friend class PoolLease;
    void give_back(std::unique_ptr<Connection> connection);

    const std::size_t max_in_flight_;
    std::mutex mutex_;
    std::condition_variable slot_freed_;
    std::size_t in_flight_ = 0;
    std::vector<std::unique_ptr<Connection>> idle_;  // most recently used last
};

}  // namespace braid::net
