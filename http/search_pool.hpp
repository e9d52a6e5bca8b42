#pragma once
#include <atomic>
#include <cstddef>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace braid::http {

// The CPUs this process may run on (sched_getaffinity: `taskset -c 1 braid serve` gives 1), at
// least 1. hardware_concurrency() counts the machine's, which oversizes pools of a pinned server.
unsigned usable_cores();

// The threads searches run on, apart from the I/O threads, with a bounded queue: when `queue`
// jobs already wait for a worker, try_post refuses at once (the caller answers 503) instead of
// letting a burst pile up latency without limit.
class SearchPool {
public:
    SearchPool(unsigned workers, std::size_t queue) : pool_(workers), capacity_(workers + queue) {}
    SearchPool(const SearchPool&) = delete;
    SearchPool& operator=(const SearchPool&) = delete;

    // Takes a place in the queue, or returns false when it is full. Each true must be followed by
    // one post() (kept apart so the caller moves its request into the job only once it is taken).
    bool reserve() {
        if (in_flight_.fetch_add(1, std::memory_order_relaxed) >= capacity_) {
            in_flight_.fetch_sub(1, std::memory_order_relaxed);
            return false;
        }
        return true;
    }

    // Runs job on a worker, in the place reserve() took.
    template <class Job>
    void post(Job&& job) {
        boost::asio::post(pool_, [this, job = std::forward<Job>(job)]() mutable {
            job();
            in_flight_.fetch_sub(1, std::memory_order_relaxed);
        });
    }

    // Waits for every posted job to finish.
    void join() { pool_.join(); }

private:
    boost::asio::thread_pool pool_;
    const std::size_t capacity_;  // workers + queue: jobs running or waiting
    std::atomic<std::size_t> in_flight_{0};
};

}  // namespace braid::http
