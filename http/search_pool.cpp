#include "http/search_pool.hpp"

#include <sched.h>

#include <algorithm>

#include <boost/asio/post.hpp>

namespace braid::http {

unsigned usable_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int count = CPU_COUNT(&set);
        if (count > 0) return static_cast<unsigned>(count);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

SearchPool::SearchPool(boost::asio::io_context& io, unsigned workers, std::size_t queue,
                       std::chrono::microseconds relief_after)
    : io_(io), queue_(queue), relief_after_(relief_after), started_(std::max(1u, workers)) {
    threads_.emplace_back([this] { watch(); });
    for (std::size_t i = 0; i < started_.size(); ++i) threads_.emplace_back([this] { stand_by(); });
}

SearchPool::~SearchPool() { stop(); }

void SearchPool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    watcher_wake_.notify_all();
    standby_wake_.notify_all();
    for (auto& thread : threads_)
        if (thread.joinable()) thread.join();
}

std::size_t SearchPool::active_standbys() const {
    std::lock_guard lock(mutex_);
    return active_standbys_;
}

std::optional<std::size_t> SearchPool::take_slot() {
    if (running_ >= started_.size()) return std::nullopt;
    const auto free = std::find(started_.begin(), started_.end(), std::nullopt);
    *free = Clock::now();
    ++running_;
    ++starts_;
    if (watcher_idle_) {
        watcher_idle_ = false;
        watcher_wake_.notify_one();
    }
    return static_cast<std::size_t>(free - started_.begin());
}

void SearchPool::Slot::release() {
    if (pool_ != nullptr) std::exchange(pool_, nullptr)->finish(index_);
}

void SearchPool::finish(std::size_t index) {
    Job next;
    {
        std::lock_guard lock(mutex_);
        if (waiting_.empty()) {
            started_[index].reset();
            --running_;
            return;
        }
        // The slot passes to the first queued search; its clock starts when it runs.
        next = std::move(waiting_.front());
        waiting_.pop_front();
        started_[index].reset();
    }
    boost::asio::post(io_, [this, index, job = std::move(next)] {
        {
            std::lock_guard lock(mutex_);
            started_[index] = Clock::now();
            ++starts_;
        }
        Slot slot(this, index);
        job();
    });
}

// While searches run, looks every relief_after_ for those that have run at least that long and
// wants one standby in the I/O loop for each; sleeps when searches stop coming.
void SearchPool::watch() {
    std::unique_lock lock(mutex_);
    std::size_t starts_seen = starts_;
    while (!stopping_) {
        if (running_ == 0 && starts_ == starts_seen && active_standbys_ == 0) {
            watcher_idle_ = true;
            watcher_wake_.wait(lock, [&] { return stopping_ || !watcher_idle_; });
            continue;
        }
        starts_seen = starts_;
        watcher_wake_.wait_for(lock, relief_after_);
        const auto now = Clock::now();
        const auto long_running = static_cast<std::size_t>(std::count_if(
            started_.begin(), started_.end(), [&](const auto& start) { return start && now - *start >= relief_after_; }));
        wanted_standbys_ = long_running;
        if (active_standbys_ < wanted_standbys_) standby_wake_.notify_all();
    }
}

bool SearchPool::still_wanted() {
    std::lock_guard lock(mutex_);
    if (!stopping_ && active_standbys_ <= wanted_standbys_) return true;
    --active_standbys_;
    return false;
}

// A standby: parked until the watcher wants it, then an I/O thread until it is no longer wanted.
void SearchPool::stand_by() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (active_standbys_ >= wanted_standbys_ || io_.stopped()) {
            standby_wake_.wait(lock);
            continue;
        }
        ++active_standbys_;
        lock.unlock();
        bool wanted = true;
        while (wanted) {
            // Returns after one handler, or after relief_after_ with none, to look again.
            io_.run_one_for(relief_after_);
            if (io_.stopped()) {
                lock.lock();
                --active_standbys_;
                lock.unlock();
                break;
            }
            wanted = still_wanted();
        }
        lock.lock();
    }
}

}  // namespace braid::http
