#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace braid::app {

// The allocator's own accounting of the heap (glibc mallinfo2; zeros where there is none).
struct HeapUsage {
    std::size_t in_use_bytes = 0;   // handed out and not yet freed
    std::size_t free_bytes = 0;     // freed, and kept by the allocator in its arenas
    std::size_t mapped_blocks = 0;  // blocks the allocator mapped on their own (large ones)
};
HeapUsage heap_usage();

// This process's resident set size, from /proc/self/statm (0 where unavailable).
std::size_t resident_bytes();

// Hands the free memory the allocator keeps back to the operating system (glibc malloc_trim).
// Returns false where the allocator has no such call.
bool release_free_memory();

// Blocks of at least `bytes` get mappings of their own, returned to the OS when freed. glibc
// otherwise raises this threshold (up to 32 MiB) each time such a block is freed, after which
// bulk bodies, WAL records and index buffers of that size come from the arenas and leave holes
// between long-lived allocations there. Returns false where the allocator has no such setting.
bool fix_mmap_threshold(std::size_t bytes);

// glibc keeps the memory a burst of requests frees in its arenas, and after a large block is
// freed it raises its own trim threshold, so a server stays at the resident size of its busiest
// moment long after the burst. The reclaimer wakes every `interval`; when the process keeps more
// resident memory beyond what its heap has in use than it did right after the last release, by
// at least `min_release_bytes` and at least 1/`release_divisor` of the heap in use, it releases
// the allocator's free memory. Releasing costs page
// faults when the memory is needed again, so a steady load that reuses its memory triggers nothing.
// It also fixes the allocator's mmap threshold (see fix_mmap_threshold).
class MemoryReclaimer {
public:
    struct Options {
        std::chrono::milliseconds interval{1000};
        std::size_t min_release_bytes = std::size_t{4} << 20;
        std::size_t release_divisor = 16;
        std::size_t mmap_threshold = std::size_t{128} << 10;  // 0: leave glibc's own policy
    };

    explicit MemoryReclaimer(Options options);
    ~MemoryReclaimer();  // stops and joins its thread
    MemoryReclaimer(const MemoryReclaimer&) = delete;
    MemoryReclaimer& operator=(const MemoryReclaimer&) = delete;

    std::size_t releases() const;  // how many times memory was released so far
    std::size_t checks() const;    // how many wakes have looked at the heap so far
    // Blocks until at least `count` wakes have looked at the heap (each one decided, and released
    // or not, before it counts). For tests: a wake is a signal, not a guess at a duration.
    void wait_for_checks(std::size_t count) const;

private:
    void run();

    const Options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    mutable std::condition_variable checked_;
    bool stopping_ = false;
    std::size_t releases_ = 0;
    std::size_t checks_ = 0;
    std::thread thread_;
};

}  // namespace braid::app
