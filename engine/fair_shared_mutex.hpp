#pragma once
#include <mutex>
#include <shared_mutex>

namespace braid::engine {

// A reader-writer lock that lets a waiting writer in before readers that arrive after it.
// std::shared_mutex on glibc prefers readers, so a steady stream of searches could keep a write
// waiting forever. Readers pass a turnstile that a waiting writer holds closed.
// Meets the SharedMutex requirements used by std::shared_lock / std::unique_lock.
class FairSharedMutex {
public:
    void lock() {
        std::lock_guard gate(turnstile_);
        mutex_.lock();
    }
    void unlock() { mutex_.unlock(); }

    void lock_shared() {
        { std::lock_guard gate(turnstile_); }
        mutex_.lock_shared();
    }
    void unlock_shared() { mutex_.unlock_shared(); }

private:
    std::mutex turnstile_;
    std::shared_mutex mutex_;
};

}  // namespace braid::engine
