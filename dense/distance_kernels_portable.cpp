// Plain C++ kernels: one element per step, the reference the SIMD sets are tested against and
// the fallback on CPUs without them.
#include "dense/distance_kernels_x86.hpp"

namespace braid::dense::detail {

namespace {

float inner_product(const float* a, const float* b, std::size_t d) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < d; ++i) sum += a[i] * b[i];
    return sum;
}

float l2_squared(const float* a, const float* b, std::size_t d) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < d; ++i) {
        const float diff = a[i] - b[i];
        sum += diff * diff;
    }
    return sum;
}

float u8_inner_product(const float* w, const std::uint8_t* codes, std::size_t d) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < d; ++i) sum += w[i] * static_cast<float>(codes[i]);
    return sum;
}

float u8_l2_squared(const float* a, const float* s, const std::uint8_t* codes, std::size_t d) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < d; ++i) {
        const float diff = a[i] - s[i] * static_cast<float>(codes[i]);
        sum += diff * diff;
    }
    return sum;
}

}  // namespace

DistanceKernels portable_kernels() {
    return {KernelLevel::portable, inner_product, l2_squared, u8_inner_product, u8_l2_squared,
            four_rows_one_by_one<inner_product>, four_rows_one_by_one<l2_squared>};
}

}  // namespace braid::dense::detail
