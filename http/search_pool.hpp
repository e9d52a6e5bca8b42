#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace braid::http {

// The CPUs this process may run on (sched_getaffinity: `taskset -c 1 braid serve` gives 1), at
// least 1. hardware_concurrency() counts the machine's, which oversizes pools of a pinned server.
unsigned usable_cores();

// Where searches run: at most `workers` at once, on the I/O thread that read them (no handoff to
// another thread and back, which cost a pinned server ~10-20% of its search throughput in context
// switches and scheduler locks); up to `queue` more wait, and beyond that admit() refuses (the
// caller answers 503 at once).
//
// A search running on an I/O thread holds that thread, so the pool keeps `workers` standby
// threads: a watcher looks every `relief_after` and, for each search that has run that long,
// sends a standby into the I/O loop (io_context::run_one) in its place until the search ends. So
// a burst of slow searches still cannot starve /health, writes or new connections: at most
// `workers` threads are ever inside a search, and as many standbys replace them.
class SearchPool {
public:
    using Clock = std::chrono::steady_clock;
    using Job = std::function<void()>;
    static constexpr std::chrono::milliseconds default_relief_after{2};

    SearchPool(boost::asio::io_context& io, unsigned workers, std::size_t queue,
               std::chrono::microseconds relief_after = default_relief_after);
    ~SearchPool();  // stop() and join
    SearchPool(const SearchPool&) = delete;
    SearchPool& operator=(const SearchPool&) = delete;

    // A running search's place: releasing it (destruction) starts the first queued search, if any.
    class Slot {
    public:
        Slot() = default;
        Slot(Slot&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), index_(other.index_) {}
        Slot& operator=(Slot&&) = delete;
        ~Slot() { release(); }
        explicit operator bool() const { return pool_ != nullptr; }
        void release();

    private:
        friend class SearchPool;
        Slot(SearchPool* pool, std::size_t index) : pool_(pool), index_(index) {}
        SearchPool* pool_ = nullptr;
        std::size_t index_ = 0;
    };

    enum class Admitted { here, queued, refused };

    // here: a Slot to run the search on the calling thread now; queued: make_job() was called and
    // its job will run on an I/O thread once a running search ends; refused: the queue is full.
    template <class MakeJob>
    std::pair<Admitted, Slot> admit(MakeJob&& make_job) {
        std::lock_guard lock(mutex_);
        if (const auto index = take_slot()) return {Admitted::here, Slot(this, *index)};
        if (waiting_.size() >= queue_) return {Admitted::refused, Slot()};
        waiting_.push_back(Job(make_job()));
        return {Admitted::queued, Slot()};
    }

    // Ends the watcher and the standbys (a standby inside a search finishes it first).
    void stop();

    // For tests: how many standbys are in the I/O loop now.
    std::size_t active_standbys() const;

private:
    std::optional<std::size_t> take_slot();  // call holding mutex_
    void finish(std::size_t index);
    void watch();
    void stand_by();
    bool still_wanted();

    boost::asio::io_context& io_;
    const std::size_t queue_;
    const std::chrono::microseconds relief_after_;
    mutable std::mutex mutex_;
    std::condition_variable watcher_wake_, standby_wake_;
    std::vector<std::optional<Clock::time_point>> started_;  // per slot: when its search began
    std::size_t running_ = 0;
    std::size_t starts_ = 0;  // searches begun so far (the watcher sleeps once they stop coming)
    std::deque<Job> waiting_;
    std::size_t wanted_standbys_ = 0, active_standbys_ = 0;
    bool watcher_idle_ = false, stopping_ = false;
    std::vector<std::thread> threads_;  // the watcher, then the standbys
};

}  // namespace braid::http
