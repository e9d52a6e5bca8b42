// Every distance kernel this CPU runs, called directly (not only the dispatched one), against
// sums computed here in double precision; and the dispatch against __builtin_cpu_supports.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "dense/distance_kernels.hpp"

using namespace braid::dense;

namespace {

// Every tail length of every vector width, and sizes up to 1024.
std::vector<std::size_t> dimensions() {
    std::vector<std::size_t> out;
    for (std::size_t d = 1; d <= 70; ++d) out.push_back(d);
    for (std::size_t d : {95, 96, 97, 127, 128, 129, 200, 255, 256, 257, 300, 383, 384, 385, 511, 512, 513, 767, 768, 769,
                          1000, 1023, 1024}) {
        out.push_back(d);
    }
    return out;
}

struct Case {
    std::vector<float> a, b, w, s;
    std::vector<std::uint8_t> codes;
};

// Rows start one element past a 64-byte boundary, so no kernel gets aligned input.
Case random_case(std::size_t d, std::mt19937& rng) {
    std::normal_distribution<float> unit(0.0f, 1.0f);
    std::uniform_real_distribution<float> positive(0.001f, 0.05f);
    std::uniform_int_distribution<int> byte(0, 255);
    Case c;
    c.a.resize(d + 1);
    c.b.resize(d + 1);
    c.w.resize(d + 1);
    c.s.resize(d + 1);
    c.codes.resize(d + 1);
    for (std::size_t i = 1; i <= d; ++i) {
        c.a[i] = unit(rng);
        c.b[i] = unit(rng);
        c.w[i] = unit(rng) * 0.02f;
        c.s[i] = positive(rng);
        c.codes[i] = static_cast<std::uint8_t>(byte(rng));
    }
    return c;
}

// Rounding of a float sum of d terms: well inside this for correct kernels; a lost or doubled
// term is far outside it (checked exactly by the one-hot test below).
double tolerance(double sum_of_magnitudes) { return 1e-5 * sum_of_magnitudes + 1e-6; }

const DistanceKernels& kernels(KernelLevel level) {
    const DistanceKernels* k = kernels_for(level);
    REQUIRE(k != nullptr);
    return *k;
}

KernelLevel expected_best_level() {
#if !defined(__x86_64__)
    return KernelLevel::portable;
#else
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("fma")) {
        return KernelLevel::avx512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return KernelLevel::avx2;
    if (__builtin_cpu_supports("sse2")) return KernelLevel::sse2;
    return KernelLevel::portable;
#endif
}

}  // namespace

TEST_CASE("every kernel variant matches double-precision sums for dimensions 1..1024", "[dense][kernels]") {
    const auto levels = supported_kernel_levels();
    REQUIRE(!levels.empty());
    for (const KernelLevel level : levels) {
        const DistanceKernels& k = kernels(level);
        CHECK(k.level == level);
        std::mt19937 rng(1234);
        for (const std::size_t d : dimensions()) {
            for (int trial = 0; trial < 3; ++trial) {
                const Case c = random_case(d, rng);
                double ip = 0, ip_mag = 0, l2 = 0, u8ip = 0, u8ip_mag = 0, u8l2 = 0;
                for (std::size_t i = 1; i <= d; ++i) {
                    ip += double(c.a[i]) * c.b[i];
                    ip_mag += std::fabs(double(c.a[i]) * c.b[i]);
                    l2 += (double(c.a[i]) - c.b[i]) * (double(c.a[i]) - c.b[i]);
                    u8ip += double(c.w[i]) * c.codes[i];
                    u8ip_mag += std::fabs(double(c.w[i]) * c.codes[i]);
                    const double diff = double(c.a[i]) - double(c.s[i]) * c.codes[i];
                    u8l2 += diff * diff;
                }
                INFO(kernel_level_name(level) << " d=" << d << " trial " << trial);
                CHECK(std::fabs(k.inner_product(c.a.data() + 1, c.b.data() + 1, d) - ip) <= tolerance(ip_mag));
                CHECK(std::fabs(k.l2_squared(c.a.data() + 1, c.b.data() + 1, d) - l2) <= tolerance(l2));
                CHECK(std::fabs(k.u8_inner_product(c.w.data() + 1, c.codes.data() + 1, d) - u8ip) <= tolerance(u8ip_mag));
                CHECK(std::fabs(k.u8_l2_squared(c.a.data() + 1, c.s.data() + 1, c.codes.data() + 1, d) - u8l2) <=
                      tolerance(u8l2));
            }
        }
    }
}

TEST_CASE("every kernel variant counts each position exactly once (one-hot rows)", "[dense][kernels]") {
    for (const KernelLevel level : supported_kernel_levels()) {
        const DistanceKernels& k = kernels(level);
        for (std::size_t d = 1; d <= 70; ++d) {
            for (std::size_t p = 0; p < d; ++p) {
                std::vector<float> one_hot(d, 0.0f), twos(d, 2.0f), zeros(d, 0.0f), ones(d, 1.0f);
                std::vector<std::uint8_t> twos_u8(d, 2), hot_u8(d, 0);
                one_hot[p] = 3.0f;
                hot_u8[p] = 1;
                INFO(kernel_level_name(level) << " d=" << d << " position " << p);
                CHECK(k.inner_product(one_hot.data(), twos.data(), d) == 6.0f);
                CHECK(k.l2_squared(one_hot.data(), zeros.data(), d) == 9.0f);
                CHECK(k.u8_inner_product(one_hot.data(), twos_u8.data(), d) == 6.0f);
                CHECK(k.u8_l2_squared(one_hot.data(), ones.data(), hot_u8.data(), d) == 4.0f);  // (3 - 1)^2
            }
        }
    }
}

TEST_CASE("the dispatched kernels are the best set this CPU supports", "[dense][kernels]") {
    const KernelLevel expected = expected_best_level();
    INFO("this CPU: " << kernel_level_name(expected) << ", dispatched: " << kernel_level_name(active_kernels().level));
    CHECK(best_supported_kernel_level() == expected);
    CHECK(active_kernels().level == expected);
    const DistanceKernels& best = kernels(expected);
    CHECK(active_kernels().inner_product == best.inner_product);
    CHECK(active_kernels().l2_squared == best.l2_squared);
    CHECK(active_kernels().u8_inner_product == best.u8_inner_product);
    CHECK(active_kernels().u8_l2_squared == best.u8_l2_squared);
    CHECK(active_kernels().inner_product_4 == best.inner_product_4);
    CHECK(active_kernels().l2_squared_4 == best.l2_squared_4);
    // Every weaker level is available (and distinct code), none stronger.
    for (const KernelLevel level : {KernelLevel::portable, KernelLevel::sse2, KernelLevel::avx2, KernelLevel::avx512}) {
        INFO(kernel_level_name(level));
        if (static_cast<int>(level) <= static_cast<int>(expected)) {
            REQUIRE(kernels_for(level) != nullptr);
            if (level != expected) CHECK(kernels_for(level)->inner_product != best.inner_product);
        } else {
            CHECK(kernels_for(level) == nullptr);
        }
    }
}
