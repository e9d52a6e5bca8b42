#include "engine/parallel_analysis.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace braid::engine {

namespace {

std::atomic<std::size_t> chosen_threads{0};

// Fewer calls than this per thread are not worth a thread's start (tens of microseconds).
constexpr std::size_t kMinCallsPerThread = 8;
// Indices a thread takes at once: documents differ in size, so small steps balance the load.
constexpr std::size_t kStep = 4;

std::size_t affinity_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return std::max(1u, std::thread::hardware_concurrency());
    return std::max(1, CPU_COUNT(&set));
}

}  // namespace

std::size_t analysis_threads() {
    const std::size_t chosen = chosen_threads.load(std::memory_order_relaxed);
    if (chosen != 0) return chosen;
    static const std::size_t cpus = affinity_cpus();
    return cpus;
}

void set_analysis_threads(std::size_t threads) { chosen_threads.store(threads, std::memory_order_relaxed); }

void for_each_parallel(std::size_t count, const std::function<void(std::size_t)>& task) {
    const std::size_t threads = std::min(analysis_threads(), std::max<std::size_t>(1, count / kMinCallsPerThread));
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) task(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto work = [&] {
        for (std::size_t begin = next.fetch_add(kStep); begin < count; begin = next.fetch_add(kStep)) {
            const std::size_t end = std::min(count, begin + kStep);
            try {
                for (std::size_t i = begin; i < end; ++i) task(i);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::jthread> helpers;
    helpers.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
    for (auto& helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace braid::engine
