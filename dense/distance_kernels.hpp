#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace braid::dense {

// Instruction sets a distance kernel can be built for, weakest first. `portable` is plain C++
// (one float per step), the fallback on any CPU; the others exist on x86-64 only.
enum class KernelLevel { portable, sse2, avx2, avx512 };

// One complete set of distance functions compiled for one instruction set. Every function takes
// rows of `d` elements, with no alignment or length requirement (tails of any size are handled).
struct DistanceKernels {
    KernelLevel level = KernelLevel::portable;
    // sum a[i] * b[i]
    float (*inner_product)(const float* a, const float* b, std::size_t d) = nullptr;
    // sum (a[i] - b[i])^2
    float (*l2_squared)(const float* a, const float* b, std::size_t d) = nullptr;
    // int8 (8-bit scalar quantized) rows: codes[i] in 0..255 decode affinely per dimension, so a
    // float query against a code reduces to these two after the query is folded with the ranges.
    // sum w[i] * codes[i]
    float (*u8_inner_product)(const float* w, const std::uint8_t* codes, std::size_t d) = nullptr;
    // sum (a[i] - s[i] * codes[i])^2
    float (*u8_l2_squared)(const float* a, const float* s, const std::uint8_t* codes, std::size_t d) = nullptr;
    // One query against four rows at once: out[r] is bit for bit what inner_product(a, rows[r], d)
    // (l2_squared) returns, but the query is read once and the four rows stream side by side,
    // which hides more memory latency in a graph walk (FAISS's distances_batch_4).
    void (*inner_product_4)(const float* a, const float* const* rows, std::size_t d, float* out) = nullptr;
    void (*l2_squared_4)(const float* a, const float* const* rows, std::size_t d, float* out) = nullptr;
};

const char* kernel_level_name(KernelLevel level);

// The best level this CPU runs (checked once with __builtin_cpu_supports).
KernelLevel best_supported_kernel_level();

// The kernels every distance in braid goes through: those of best_supported_kernel_level(),
// chosen on first use and fixed for the life of the process.
const DistanceKernels& active_kernels();

// The kernels of one level, or null when this CPU (or this build) cannot run them. For tests and
// benchmarks that compare the variants.
const DistanceKernels* kernels_for(KernelLevel level);

// Every level this CPU can run, weakest first.
std::vector<KernelLevel> supported_kernel_levels();

}  // namespace braid::dense
