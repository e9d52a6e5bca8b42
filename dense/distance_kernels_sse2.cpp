// SSE2 kernels (every x86-64 CPU): four floats per step, two accumulators.
#include "dense/distance_kernels_x86.hpp"

#ifdef BRAID_X86_KERNELS
#include <immintrin.h>

namespace braid::dense::detail {

namespace {

float horizontal_sum(__m128 v) {
    const __m128 high = _mm_movehl_ps(v, v);
    const __m128 pair = _mm_add_ps(v, high);
    const __m128 odd = _mm_shuffle_ps(pair, pair, 0x1);
    return _mm_cvtss_f32(_mm_add_ss(pair, odd));
}

// Four codes widened to four floats.
__m128 load_4_codes(const std::uint8_t* codes) {
    int packed;
    __builtin_memcpy(&packed, codes, sizeof(packed));
    const __m128i zero = _mm_setzero_si128();
    const __m128i bytes = _mm_cvtsi32_si128(packed);
    return _mm_cvtepi32_ps(_mm_unpacklo_epi16(_mm_unpacklo_epi8(bytes, zero), zero));
}

float inner_product(const float* a, const float* b, std::size_t d) {
    __m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps();
    std::size_t i = 0;
    for (; i + 8 <= d; i += 8) {
        s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
        s1 = _mm_add_ps(s1, _mm_mul_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4)));
    }
    if (i + 4 <= d) {
        s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
        i += 4;
    }
    float sum = horizontal_sum(_mm_add_ps(s0, s1));
    for (; i < d; ++i) sum += a[i] * b[i];
    return sum;
}

float l2_squared(const float* a, const float* b, std::size_t d) {
    __m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps();
    std::size_t i = 0;
    for (; i + 8 <= d; i += 8) {
        const __m128 d0 = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i));
        const __m128 d1 = _mm_sub_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4));
        s0 = _mm_add_ps(s0, _mm_mul_ps(d0, d0));
        s1 = _mm_add_ps(s1, _mm_mul_ps(d1, d1));
    }
    if (i + 4 <= d) {
        const __m128 d0 = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i));
        s0 = _mm_add_ps(s0, _mm_mul_ps(d0, d0));
        i += 4;
    }
    float sum = horizontal_sum(_mm_add_ps(s0, s1));
    for (; i < d; ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
    return sum;
}

float u8_inner_product(const float* w, const std::uint8_t* codes, std::size_t d) {
    __m128 s = _mm_setzero_ps();
    std::size_t i = 0;
    for (; i + 4 <= d; i += 4) s = _mm_add_ps(s, _mm_mul_ps(_mm_loadu_ps(w + i), load_4_codes(codes + i)));
    float sum = horizontal_sum(s);
    for (; i < d; ++i) sum += w[i] * static_cast<float>(codes[i]);
    return sum;
}

float u8_l2_squared(const float* a, const float* sc, const std::uint8_t* codes, std::size_t d) {
    __m128 s = _mm_setzero_ps();
    std::size_t i = 0;
    for (; i + 4 <= d; i += 4) {
        const __m128 diff = _mm_sub_ps(_mm_loadu_ps(a + i), _mm_mul_ps(_mm_loadu_ps(sc + i), load_4_codes(codes + i)));
        s = _mm_add_ps(s, _mm_mul_ps(diff, diff));
    }
    float sum = horizontal_sum(s);
    for (; i < d; ++i) {
        const float diff = a[i] - sc[i] * static_cast<float>(codes[i]);
        sum += diff * diff;
    }
    return sum;
}

}  // namespace

DistanceKernels sse2_kernels() {
    return {KernelLevel::sse2, inner_product, l2_squared, u8_inner_product, u8_l2_squared,
            four_rows_one_by_one<inner_product>, four_rows_one_by_one<l2_squared>};
}

}  // namespace braid::dense::detail
#endif
