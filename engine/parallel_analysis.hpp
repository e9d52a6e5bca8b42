#pragma once
#include <cstddef>
#include <functional>

namespace braid::engine {

// Documents are analyzed (parsed, tokenized, validated) on this many threads at once: the CPUs of
// the process's affinity mask (taskset, cpusets), unless set_analysis_threads() chose a count.
std::size_t analysis_threads();
// Overrides analysis_threads() for the whole process (benchmarks: 1 vs 2 threads); 0 restores
// the affinity default.
void set_analysis_threads(std::size_t threads);

// Calls task(i) for every i in [0, count), spread over up to analysis_threads() threads (the
// caller is one of them), and returns when every call has returned. Each call must only write
// what belongs to its own index. The first exception a call throws is rethrown here, after the
// other calls have finished.
void for_each_parallel(std::size_t count, const std::function<void(std::size_t)>& task);

}  // namespace braid::engine
