// AVX2 + FMA kernels: eight floats per step, fused multiply-add, two accumulators.
#include "dense/distance_kernels_x86.hpp"

#ifdef BRAID_X86_KERNELS
#include <immintrin.h>

#define BRAID_AVX2 __attribute__((target("avx2,fma")))

namespace braid::dense::detail {

namespace {

BRAID_AVX2 float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 0x1));
    return _mm_cvtss_f32(s);
}

BRAID_AVX2 __m256 load_8_codes(const std::uint8_t* codes) {
    return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(codes))));
}

BRAID_AVX2 float inner_product(const float* a, const float* b, std::size_t d) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    std::size_t i = 0;
    for (; i + 16 <= d; i += 16) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
    }
    if (i + 8 <= d) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        i += 8;
    }
    float sum = horizontal_sum(_mm256_add_ps(s0, s1));
    for (; i < d; ++i) sum += a[i] * b[i];
    return sum;
}

BRAID_AVX2 float l2_squared(const float* a, const float* b, std::size_t d) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    std::size_t i = 0;
    for (; i + 16 <= d; i += 16) {
        const __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        const __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
        s0 = _mm256_fmadd_ps(d0, d0, s0);
        s1 = _mm256_fmadd_ps(d1, d1, s1);
    }
    if (i + 8 <= d) {
        const __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s0 = _mm256_fmadd_ps(d0, d0, s0);
        i += 8;
    }
    float sum = horizontal_sum(_mm256_add_ps(s0, s1));
    for (; i < d; ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
    return sum;
}

// (a - b)^2 accumulated into `sum`, as l2_squared does it.
BRAID_AVX2 __m256 add_squared_difference(__m256 a, __m256 b, __m256 sum) {
    const __m256 diff = _mm256_sub_ps(a, b);
    return _mm256_fmadd_ps(diff, diff, sum);
}

// One step of each distance, vector and scalar (the tail), as the one-row kernels take it.
struct ProductStep {
    BRAID_AVX2 static __m256 step(__m256 a, __m256 b, __m256 sum) { return _mm256_fmadd_ps(a, b, sum); }
    BRAID_AVX2 static float scalar(float sum, float a, float b) { return sum + a * b; }
};
struct SquaredDifferenceStep {
    BRAID_AVX2 static __m256 step(__m256 a, __m256 b, __m256 sum) { return add_squared_difference(a, b, sum); }
    BRAID_AVX2 static float scalar(float sum, float a, float b) { return sum + (a - b) * (a - b); }
};

// A one-row kernel over four rows: per row the same accumulators, steps, reduction and scalar
// tail as the one-row kernel (so the same bits), the query loaded once per step.
template <class Step>
BRAID_AVX2 void four_rows(const float* a, const float* const* rows, std::size_t d, float* out) {
    const float* b0 = rows[0];
    const float* b1 = rows[1];
    const float* b2 = rows[2];
    const float* b3 = rows[3];
    __m256 s00 = _mm256_setzero_ps(), s01 = _mm256_setzero_ps(), s10 = _mm256_setzero_ps(), s11 = _mm256_setzero_ps();
    __m256 s20 = _mm256_setzero_ps(), s21 = _mm256_setzero_ps(), s30 = _mm256_setzero_ps(), s31 = _mm256_setzero_ps();
    std::size_t i = 0;
    for (; i + 16 <= d; i += 16) {
        const __m256 a0 = _mm256_loadu_ps(a + i), a1 = _mm256_loadu_ps(a + i + 8);
        s00 = Step::step(a0, _mm256_loadu_ps(b0 + i), s00);
        s01 = Step::step(a1, _mm256_loadu_ps(b0 + i + 8), s01);
        s10 = Step::step(a0, _mm256_loadu_ps(b1 + i), s10);
        s11 = Step::step(a1, _mm256_loadu_ps(b1 + i + 8), s11);
        s20 = Step::step(a0, _mm256_loadu_ps(b2 + i), s20);
        s21 = Step::step(a1, _mm256_loadu_ps(b2 + i + 8), s21);
        s30 = Step::step(a0, _mm256_loadu_ps(b3 + i), s30);
        s31 = Step::step(a1, _mm256_loadu_ps(b3 + i + 8), s31);
    }
    if (i + 8 <= d) {
        const __m256 a0 = _mm256_loadu_ps(a + i);
        s00 = Step::step(a0, _mm256_loadu_ps(b0 + i), s00);
        s10 = Step::step(a0, _mm256_loadu_ps(b1 + i), s10);
        s20 = Step::step(a0, _mm256_loadu_ps(b2 + i), s20);
        s30 = Step::step(a0, _mm256_loadu_ps(b3 + i), s30);
        i += 8;
    }
    float sums[4] = {horizontal_sum(_mm256_add_ps(s00, s01)), horizontal_sum(_mm256_add_ps(s10, s11)),
                     horizontal_sum(_mm256_add_ps(s20, s21)), horizontal_sum(_mm256_add_ps(s30, s31))};
    for (int r = 0; r < 4; ++r) {
        for (std::size_t j = i; j < d; ++j) sums[r] = Step::scalar(sums[r], a[j], rows[r][j]);
        out[r] = sums[r];
    }
}

BRAID_AVX2 void inner_product_4(const float* a, const float* const* rows, std::size_t d, float* out) {
    four_rows<ProductStep>(a, rows, d, out);
}

BRAID_AVX2 void l2_squared_4(const float* a, const float* const* rows, std::size_t d, float* out) {
    four_rows<SquaredDifferenceStep>(a, rows, d, out);
}

BRAID_AVX2 float u8_inner_product(const float* w, const std::uint8_t* codes, std::size_t d) {
    __m256 s = _mm256_setzero_ps();
    std::size_t i = 0;
    for (; i + 8 <= d; i += 8) s = _mm256_fmadd_ps(_mm256_loadu_ps(w + i), load_8_codes(codes + i), s);
    float sum = horizontal_sum(s);
    for (; i < d; ++i) sum += w[i] * static_cast<float>(codes[i]);
    return sum;
}

BRAID_AVX2 float u8_l2_squared(const float* a, const float* sc, const std::uint8_t* codes, std::size_t d) {
    __m256 s = _mm256_setzero_ps();
    std::size_t i = 0;
    for (; i + 8 <= d; i += 8) {
        const __m256 diff = _mm256_fnmadd_ps(_mm256_loadu_ps(sc + i), load_8_codes(codes + i), _mm256_loadu_ps(a + i));
        s = _mm256_fmadd_ps(diff, diff, s);
    }
    float sum = horizontal_sum(s);
    for (; i < d; ++i) {
        const float diff = a[i] - sc[i] * static_cast<float>(codes[i]);
        sum += diff * diff;
    }
    return sum;
}

}  // namespace

DistanceKernels avx2_kernels() {
    return {KernelLevel::avx2, inner_product, l2_squared, u8_inner_product, u8_l2_squared,
            inner_product_4, l2_squared_4};
}

}  // namespace braid::dense::detail
#endif
