#include "net/connection_pool.hpp"

#include <algorithm>

namespace braid::net {

PoolLease::PoolLease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)), reused_(connection_ != nullptr) {}

PoolLease::~PoolLease() { pool_.give_back(std::move(connection_)); }

ConnectionPool::ConnectionPool(std::size_t max_in_flight) : max_in_flight_(std::max<std::size_t>(max_in_flight, 1)) {}

PoolLease ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    slot_freed_.wait(lock, [&] { return in_flight_ < max_in_flight_; });
    ++in_flight_;
    std::unique_ptr<Connection> connection;
    while (!idle_.empty() && !connection) {
        connection = std::move(idle_.back());
        idle_.pop_back();
        if (!connection->reusable()) connection.reset();  // closed by the peer while idle
    }
    return PoolLease(*this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
    std::unique_ptr<Connection> dropped;  // closed outside the lock
    {
        std::lock_guard lock(mutex_);
        --in_flight_;
        if (connection && connection->reusable()) {
            idle_.push_back(std::move(connection));
        } else {
            dropped = std::move(connection);
        }
    }
    slot_freed_.notify_one();
}

}  // namespace braid::net
