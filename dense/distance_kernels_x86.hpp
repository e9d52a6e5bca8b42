#pragma once
// The x86-64 kernel sets, each defined in its own file whose functions carry a target attribute
// (the rest of braid is built for baseline x86-64). Only distance_kernels.cpp uses these, after
// checking the CPU.
#include "dense/distance_kernels.hpp"

namespace braid::dense::detail {

#if defined(__x86_64__) && defined(__GNUC__)
#define BRAID_X86_KERNELS 1
DistanceKernels sse2_kernels();
DistanceKernels avx2_kernels();
DistanceKernels avx512_kernels();
#endif

DistanceKernels portable_kernels();

// The four-row form of a one-row kernel, for the sets without a kernel of their own for it.
template <float (*Kernel)(const float*, const float*, std::size_t)>
void four_rows_one_by_one(const float* a, const float* const* rows, std::size_t d, float* out) {
    for (int r = 0; r < 4; ++r) out[r] = Kernel(a, rows[r], d);
}

}  // namespace braid::dense::detail
