#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "app/memory_reclaimer.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BRAID_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define BRAID_OWN_ALLOCATOR 1
#endif
#endif

namespace {

using braid::app::heap_usage;
using braid::app::MemoryReclaimer;
using braid::app::resident_bytes;

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kBlock = 64 * 1024;  // below glibc's mmap threshold: served from the arena
constexpr std::size_t kBlocks = 1024;      // 64 MiB of them

// 128 MiB of touched blocks of which every other one is freed: 64 MiB of holes between live
// blocks, which the allocator cannot give back by trimming the top of its heap. That is the shape
// a burst of requests leaves behind while the collection's own allocations stay.
struct FragmentedHeap {
    std::vector<std::unique_ptr<char[]>> blocks;

    FragmentedHeap() {
        blocks.reserve(2 * kBlocks);
        for (std::size_t i = 0; i < 2 * kBlocks; ++i) {
            blocks.emplace_back(new char[kBlock]);
            std::memset(blocks.back().get(), static_cast<int>(i & 0x7f) + 1, kBlock);
        }
    }
    std::size_t checksum() const {
        std::size_t sum = 0;
        for (const auto& b : blocks) sum += static_cast<unsigned char>(b[kBlock / 2]);
        return sum;
    }
    void free_every_other_block() {
        for (std::size_t i = 0; i < blocks.size(); i += 2) blocks[i].reset();
    }
};

bool has_glibc_heap() {
#if defined(BRAID_OWN_ALLOCATOR)
    return false;  // sanitizers replace malloc; there is no glibc heap to look at
#else
    return heap_usage().in_use_bytes > 0;
#endif
}

}  // namespace

TEST_CASE("freed arena memory stays resident until it is released, then RSS drops") {
    if (!has_glibc_heap()) {
        WARN("no glibc heap in this build (sanitizer allocator): nothing to measure");
        return;
    }
    FragmentedHeap heap;
    REQUIRE(heap.checksum() > kBlocks);
    const std::size_t touched = resident_bytes();
    heap.free_every_other_block();
    const std::size_t after_free = resident_bytes();
    INFO("RSS touched " << touched / kMiB << " MiB, after free " << after_free / kMiB << " MiB");
    CHECK(after_free + 8 * kMiB > touched);  // free alone gives (almost) nothing back
    CHECK(heap_usage().free_bytes >= 60 * kMiB);

    REQUIRE(braid::app::release_free_memory());
    const std::size_t after_release = resident_bytes();
    INFO("after release " << after_release / kMiB << " MiB");
    CHECK(after_release + 48 * kMiB < after_free);
}

TEST_CASE("the reclaimer releases a burst of freed memory and leaves a quiet heap alone") {
    if (!has_glibc_heap()) {
        WARN("no glibc heap in this build (sanitizer allocator): nothing to measure");
        return;
    }
    using namespace std::chrono_literals;
    MemoryReclaimer reclaimer({20ms, 16 * kMiB});
    std::this_thread::sleep_for(100ms);  // the first wakes release what earlier tests left free
    const std::size_t settled = reclaimer.releases();
    std::this_thread::sleep_for(200ms);
    CHECK(reclaimer.releases() == settled);  // ten wakes, nothing new freed: nothing done

    FragmentedHeap heap;
    REQUIRE(heap.checksum() > kBlocks);
    heap.free_every_other_block();
    const std::size_t after_free = resident_bytes();
    std::size_t now = after_free;
    // Both: the release is counted just after it happens.
    for (int i = 0; i < 250 && (now + 48 * kMiB >= after_free || reclaimer.releases() == settled); ++i) {
        std::this_thread::sleep_for(20ms);
        now = resident_bytes();
    }
    INFO("RSS after free " << after_free / kMiB << " MiB, 5 s later at most " << now / kMiB << " MiB");
    CHECK(reclaimer.releases() > settled);
    CHECK(now + 48 * kMiB < after_free);
}

TEST_CASE("with the mmap threshold fixed, a large block is mapped on its own even after a larger one was freed") {
    if (!has_glibc_heap()) {
        WARN("no glibc heap in this build (sanitizer allocator): nothing to measure");
        return;
    }
    REQUIRE(braid::app::fix_mmap_threshold(128 * 1024));
    {
        std::unique_ptr<char[]> first(new char[4 * kMiB]);
        std::memset(first.get(), 1, 4 * kMiB);
    }  // glibc's own policy would now raise its threshold past 4 MiB and serve the next from the heap
    const std::size_t mapped = heap_usage().mapped_blocks;
    std::unique_ptr<char[]> second(new char[2 * kMiB]);
    std::memset(second.get(), 2, 2 * kMiB);
    CHECK(heap_usage().mapped_blocks == mapped + 1);
}
