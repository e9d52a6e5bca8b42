#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "app/memory_reclaimer.hpp"
#include "tests/support/skip.hpp"

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

// Why these tests cannot measure anything in this build, or "" when they can.
std::string why_no_glibc_heap() {
#if defined(BRAID_OWN_ALLOCATOR)
    return "a sanitizer replaces malloc in this build: there is no glibc heap to measure";
#else
    return heap_usage().in_use_bytes > 0 ? "" : "the allocator reports no heap (not glibc >= 2.33)";
#endif
}

}  // namespace

TEST_CASE("freed arena memory stays resident until it is released, then RSS drops") {
    if (const auto why = why_no_glibc_heap(); !why.empty()) BRAID_SKIP(why);
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
    if (const auto why = why_no_glibc_heap(); !why.empty()) BRAID_SKIP(why);
    using namespace std::chrono_literals;
    MemoryReclaimer reclaimer({1ms, 16 * kMiB});
    reclaimer.wait_for_checks(1);  // the first wake releases what loading left free
    const std::size_t settled = reclaimer.releases();
    reclaimer.wait_for_checks(reclaimer.checks() + 10);
    CHECK(reclaimer.releases() == settled);  // ten wakes, nothing new freed: nothing done

    FragmentedHeap heap;
    REQUIRE(heap.checksum() > kBlocks);
    const std::size_t touched = resident_bytes();
    heap.free_every_other_block();
    // Releases may come while the blocks are still being freed; free alone gives (almost)
    // nothing back (the first test), so the drop is measured from before the free. Each wake is
    // waited for, and a thousand of them without the drop is a failure.
    std::size_t now = resident_bytes();
    for (int i = 0; i < 1000 && now + 48 * kMiB >= touched; ++i) {
        reclaimer.wait_for_checks(reclaimer.checks() + 1);
        now = resident_bytes();
    }
    INFO("RSS touched " << touched / kMiB << " MiB, after the release " << now / kMiB << " MiB");
    CHECK(reclaimer.releases() > settled);
    CHECK(now + 48 * kMiB < touched);
}

TEST_CASE("with the mmap threshold fixed, a large block is mapped on its own even after a larger one was freed") {
    if (const auto why = why_no_glibc_heap(); !why.empty()) BRAID_SKIP(why);
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
