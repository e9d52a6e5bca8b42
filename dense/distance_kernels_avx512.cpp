// AVX-512 kernels: sixteen floats per step, two accumulators, the tail through a masked load
// (no scalar loop).
#include "dense/distance_kernels_x86.hpp"

#ifdef BRAID_X86_KERNELS
#include <immintrin.h>

// GCC 12's AVX-512 intrinsics initialize their undefined vectors from themselves, which its own
// -Wuninitialized reports at every use (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#define BRAID_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,fma")))

namespace braid::dense::detail {

namespace {

BRAID_AVX512 __mmask16 tail_mask(std::size_t remaining) {
    return static_cast<__mmask16>((1u << remaining) - 1u);
}

BRAID_AVX512 __m512 load_16_codes(const std::uint8_t* codes) {
    return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(codes))));
}

BRAID_AVX512 __m512 load_codes_masked(__mmask16 mask, const std::uint8_t* codes) {
    return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(mask, codes)));
}

BRAID_AVX512 float inner_product(const float* a, const float* b, std::size_t d) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    std::size_t i = 0;
    for (; i + 32 <= d; i += 32) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), s1);
    }
    if (i + 16 <= d) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), s0);
        i += 16;
    }
    if (i < d) {
        const __mmask16 m = tail_mask(d - i);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i), s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

BRAID_AVX512 float l2_squared(const float* a, const float* b, std::size_t d) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    std::size_t i = 0;
    for (; i + 32 <= d; i += 32) {
        const __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        const __m512 d1 = _mm512_sub_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16));
        s0 = _mm512_fmadd_ps(d0, d0, s0);
        s1 = _mm512_fmadd_ps(d1, d1, s1);
    }
    if (i + 16 <= d) {
        const __m512 d0 = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        s0 = _mm512_fmadd_ps(d0, d0, s0);
        i += 16;
    }
    if (i < d) {
        const __mmask16 m = tail_mask(d - i);
        const __m512 d0 = _mm512_sub_ps(_mm512_maskz_loadu_ps(m, a + i), _mm512_maskz_loadu_ps(m, b + i));
        s1 = _mm512_fmadd_ps(d0, d0, s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

// (a - b)^2 accumulated into `sum`, as l2_squared does it.
BRAID_AVX512 __m512 add_squared_difference(__m512 a, __m512 b, __m512 sum) {
    const __m512 diff = _mm512_sub_ps(a, b);
    return _mm512_fmadd_ps(diff, diff, sum);
}

// One step of each distance: a query lane and a row lane accumulated into `sum`.
struct ProductStep {
    BRAID_AVX512 static __m512 step(__m512 a, __m512 b, __m512 sum) { return _mm512_fmadd_ps(a, b, sum); }
};
struct SquaredDifferenceStep {
    BRAID_AVX512 static __m512 step(__m512 a, __m512 b, __m512 sum) { return add_squared_difference(a, b, sum); }
};

// A one-row kernel over four rows: per row the same accumulators, steps and reduction as the
// one-row kernel (so the same bits), the query loaded once per step.
template <class Step>
BRAID_AVX512 void four_rows(const float* a, const float* const* rows, std::size_t d, float* out) {
    const float* b0 = rows[0];
    const float* b1 = rows[1];
    const float* b2 = rows[2];
    const float* b3 = rows[3];
    __m512 s00 = _mm512_setzero_ps(), s01 = _mm512_setzero_ps(), s10 = _mm512_setzero_ps(), s11 = _mm512_setzero_ps();
    __m512 s20 = _mm512_setzero_ps(), s21 = _mm512_setzero_ps(), s30 = _mm512_setzero_ps(), s31 = _mm512_setzero_ps();
    std::size_t i = 0;
    for (; i + 32 <= d; i += 32) {
        const __m512 a0 = _mm512_loadu_ps(a + i), a1 = _mm512_loadu_ps(a + i + 16);
        s00 = Step::step(a0, _mm512_loadu_ps(b0 + i), s00);
        s01 = Step::step(a1, _mm512_loadu_ps(b0 + i + 16), s01);
        s10 = Step::step(a0, _mm512_loadu_ps(b1 + i), s10);
        s11 = Step::step(a1, _mm512_loadu_ps(b1 + i + 16), s11);
        s20 = Step::step(a0, _mm512_loadu_ps(b2 + i), s20);
        s21 = Step::step(a1, _mm512_loadu_ps(b2 + i + 16), s21);
        s30 = Step::step(a0, _mm512_loadu_ps(b3 + i), s30);
        s31 = Step::step(a1, _mm512_loadu_ps(b3 + i + 16), s31);
    }
    if (i + 16 <= d) {
        const __m512 a0 = _mm512_loadu_ps(a + i);
        s00 = Step::step(a0, _mm512_loadu_ps(b0 + i), s00);
        s10 = Step::step(a0, _mm512_loadu_ps(b1 + i), s10);
        s20 = Step::step(a0, _mm512_loadu_ps(b2 + i), s20);
        s30 = Step::step(a0, _mm512_loadu_ps(b3 + i), s30);
        i += 16;
    }
    if (i < d) {
        const __mmask16 m = tail_mask(d - i);
        const __m512 a0 = _mm512_maskz_loadu_ps(m, a + i);
        s01 = Step::step(a0, _mm512_maskz_loadu_ps(m, b0 + i), s01);
        s11 = Step::step(a0, _mm512_maskz_loadu_ps(m, b1 + i), s11);
        s21 = Step::step(a0, _mm512_maskz_loadu_ps(m, b2 + i), s21);
        s31 = Step::step(a0, _mm512_maskz_loadu_ps(m, b3 + i), s31);
    }
    out[0] = _mm512_reduce_add_ps(_mm512_add_ps(s00, s01));
    out[1] = _mm512_reduce_add_ps(_mm512_add_ps(s10, s11));
    out[2] = _mm512_reduce_add_ps(_mm512_add_ps(s20, s21));
    out[3] = _mm512_reduce_add_ps(_mm512_add_ps(s30, s31));
}

BRAID_AVX512 void inner_product_4(const float* a, const float* const* rows, std::size_t d, float* out) {
    four_rows<ProductStep>(a, rows, d, out);
}

BRAID_AVX512 void l2_squared_4(const float* a, const float* const* rows, std::size_t d, float* out) {
    four_rows<SquaredDifferenceStep>(a, rows, d, out);
}

BRAID_AVX512 float u8_inner_product(const float* w, const std::uint8_t* codes, std::size_t d) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    std::size_t i = 0;
    for (; i + 32 <= d; i += 32) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i), load_16_codes(codes + i), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i + 16), load_16_codes(codes + i + 16), s1);
    }
    if (i + 16 <= d) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i), load_16_codes(codes + i), s0);
        i += 16;
    }
    if (i < d) {
        const __mmask16 m = tail_mask(d - i);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, w + i), load_codes_masked(m, codes + i), s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

BRAID_AVX512 float u8_l2_squared(const float* a, const float* sc, const std::uint8_t* codes, std::size_t d) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    std::size_t i = 0;
    for (; i + 16 <= d; i += 16) {
        const __m512 diff = _mm512_fnmadd_ps(_mm512_loadu_ps(sc + i), load_16_codes(codes + i), _mm512_loadu_ps(a + i));
        s0 = _mm512_fmadd_ps(diff, diff, s0);
    }
    if (i < d) {
        const __mmask16 m = tail_mask(d - i);
        const __m512 diff =
            _mm512_fnmadd_ps(_mm512_maskz_loadu_ps(m, sc + i), load_codes_masked(m, codes + i), _mm512_maskz_loadu_ps(m, a + i));
        s1 = _mm512_fmadd_ps(diff, diff, s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

}  // namespace

DistanceKernels avx512_kernels() {
    return {KernelLevel::avx512, inner_product, l2_squared, u8_inner_product, u8_l2_squared,
            inner_product_4, l2_squared_4};
}

}  // namespace braid::dense::detail
#endif
