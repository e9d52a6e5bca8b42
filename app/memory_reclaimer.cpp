#include "app/memory_reclaimer.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <optional>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace braid::app {

HeapUsage heap_usage() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 info = mallinfo2();
    return {info.uordblks + info.hblkhd, info.fordblks, info.hblks};
#else
    return {};
#endif
}

std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t total_pages = 0, resident_pages = 0;
    if (!(statm >> total_pages >> resident_pages)) return 0;
    return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

bool release_free_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
    return true;
#else
    return false;
#endif
}

bool fix_mmap_threshold(std::size_t bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, static_cast<int>(std::min<std::size_t>(bytes, 32u << 20))) == 1;
#else
    (void)bytes;
    return false;
#endif
}

MemoryReclaimer::MemoryReclaimer(Options options) : options_(options), thread_([this] { run(); }) {
    if (options_.mmap_threshold > 0) fix_mmap_threshold(options_.mmap_threshold);
}

MemoryReclaimer::~MemoryReclaimer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::size_t MemoryReclaimer::releases() const {
    std::lock_guard lock(mutex_);
    return releases_;
}

std::size_t MemoryReclaimer::checks() const {
    std::lock_guard lock(mutex_);
    return checks_;
}

void MemoryReclaimer::wait_for_checks(std::size_t count) const {
    std::unique_lock lock(mutex_);
    checked_.wait(lock, [&] { return checks_ >= count; });
}

namespace {

// Resident bytes the program does not use (free memory the allocator keeps resident, plus what
// is not heap at all: code, mapped data, stacks, which stays about the same) and the heap in use.
struct Residency {
    std::size_t slack = 0;
    std::size_t in_use = 0;
};

Residency residency() {
    const std::size_t resident = resident_bytes();
    const std::size_t in_use = heap_usage().in_use_bytes;
    return {resident > in_use ? resident - in_use : 0, in_use};
}

}  // namespace

void MemoryReclaimer::run() {
    // The allocator's count of free bytes cannot tell resident free pages from released ones, so
    // the trigger is the process's own: resident bytes beyond what the heap has in use, compared
    // with that slack right after the last release (or its lowest since, when memory was reused).
    std::optional<std::size_t> base;  // none yet: what loading the data left free goes first
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, options_.interval, [this] { return stopping_; })) {
        lock.unlock();
        const Residency now = residency();
        const std::size_t threshold =
            std::max(options_.min_release_bytes, now.in_use / std::max<std::size_t>(options_.release_divisor, 1));
        bool released = false;
        if (!base || now.slack >= *base + threshold) {
            released = release_free_memory();
            base = residency().slack;
        } else if (now.slack < *base) {
            base = now.slack;
        }
        lock.lock();
        if (released) ++releases_;
        ++checks_;
        checked_.notify_all();
    }
}

}  // namespace braid::app
