// The four-row kernels (one query against four rows per call, used by the HNSW walk) against the
// one-row kernels of the same level: the same bits for every row, so a search that scores its
// neighbours four at a time returns exactly what it did one at a time.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "dense/distance_kernels.hpp"

using namespace braid::dense;

namespace {

std::vector<std::size_t> dimensions() {
    std::vector<std::size_t> out;
    for (std::size_t d = 1; d <= 70; ++d) out.push_back(d);
    for (std::size_t d : {95, 96, 97, 128, 129, 255, 256, 257, 384, 385, 768, 769, 1023, 1024}) out.push_back(d);
    return out;
}

std::uint32_t bits(float value) {
    std::uint32_t out;
    std::memcpy(&out, &value, sizeof out);
    return out;
}

}  // namespace

TEST_CASE("every level's four-row kernels return the one-row kernels' bits", "[dense][kernels]") {
    for (const KernelLevel level : supported_kernel_levels()) {
        const DistanceKernels& k = *kernels_for(level);
        REQUIRE(k.inner_product_4 != nullptr);
        REQUIRE(k.l2_squared_4 != nullptr);
        std::mt19937 rng(99);
        std::normal_distribution<float> unit(0.0f, 1.0f);
        for (const std::size_t d : dimensions()) {
            // One buffer, the query and rows at different offsets: no two inputs share an alignment.
            std::vector<float> buffer(5 * d + 16);
            for (auto& v : buffer) v = unit(rng);
            const float* query = buffer.data() + 1;
            const float* rows[4] = {buffer.data() + d + 2, buffer.data() + 2 * d + 5, buffer.data() + 3 * d + 8,
                                    buffer.data() + 4 * d + 11};
            float ip[4], l2[4];
            k.inner_product_4(query, rows, d, ip);
            k.l2_squared_4(query, rows, d, l2);
            for (int r = 0; r < 4; ++r) {
                INFO(kernel_level_name(level) << " d=" << d << " row " << r);
                CHECK(bits(ip[r]) == bits(k.inner_product(query, rows[r], d)));
                CHECK(bits(l2[r]) == bits(k.l2_squared(query, rows[r], d)));
            }
        }
    }
}

TEST_CASE("the four-row kernels take the same row more than once", "[dense][kernels]") {
    // The walk pads a short last group by repeating a row.
    const std::size_t d = 37;
    std::vector<float> query(d), row(d);
    for (std::size_t i = 0; i < d; ++i) {
        query[i] = 0.5f + static_cast<float>(i);
        row[i] = 1.0f - 0.25f * static_cast<float>(i);
    }
    for (const KernelLevel level : supported_kernel_levels()) {
        const DistanceKernels& k = *kernels_for(level);
        const float* rows[4] = {row.data(), row.data(), query.data(), row.data()};
        float ip[4];
        k.inner_product_4(query.data(), rows, d, ip);
        INFO(kernel_level_name(level));
        CHECK(ip[0] == k.inner_product(query.data(), row.data(), d));
        CHECK(ip[1] == ip[0]);
        CHECK(ip[3] == ip[0]);
        CHECK(ip[2] == k.inner_product(query.data(), query.data(), d));
    }
}
