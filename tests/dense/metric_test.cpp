#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "dense/vector_index.hpp"

using namespace braid;
using namespace braid::dense;

namespace {

std::unique_ptr<VectorIndex> tiny_index(Metric metric, IndexType type) {
    VectorIndexSpec spec;
    spec.dimension = 2;
    spec.metric = metric;
    spec.type = type;
    auto index = make_vector_index(spec);
    const std::vector<float> a{3, 4}, b{1, 0}, c{0, -2};
    index->add(10, a);
    index->add(11, b);
    index->add(12, c);
    return index;
}

void expect_invalid_vector(const std::vector<float>& v, std::size_t dimension, Metric metric, const std::string& says) {
    try {
        validate_vector(v, dimension, metric);
        FAIL("expected invalid_vector");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::invalid_argument);
        CHECK(e.type() == "invalid_vector");
        CHECK_THAT(e.what(), Catch::Contains(says));
    }
}

}  // namespace

TEST_CASE("each metric's score convention, computed by hand", "[dense][metric]") {
    const std::vector<float> query{1, 1};
    for (const IndexType type : {IndexType::flat, IndexType::hnsw}) {
        SECTION(type == IndexType::flat ? "flat" : "hnsw") {
            // cosine: a=(3,4) -> 7/(5*sqrt2)=0.98995, b=(1,0) -> 1/sqrt2=0.70711, c=(0,-2) -> -0.70711
            auto cosine = tiny_index(Metric::cosine, type)->search({query, 3});
            REQUIRE(cosine.hits.size() == 3);
            CHECK(cosine.hits[0].doc == 10);
            CHECK(cosine.hits[0].score == Approx(7.0 / (5.0 * std::sqrt(2.0))).epsilon(1e-5));
            CHECK(cosine.hits[1].doc == 11);
            CHECK(cosine.hits[1].score == Approx(1.0 / std::sqrt(2.0)).epsilon(1e-5));
            CHECK(cosine.hits[2].score == Approx(-1.0 / std::sqrt(2.0)).epsilon(1e-5));

            // dot: a -> 7, b -> 1, c -> -2
            auto dot = tiny_index(Metric::dot, type)->search({query, 3});
            REQUIRE(dot.hits.size() == 3);
            CHECK(dot.hits[0].doc == 10);
            CHECK(dot.hits[0].score == Approx(7.0f));
            CHECK(dot.hits[1].score == Approx(1.0f));
            CHECK(dot.hits[2].doc == 12);
            CHECK(dot.hits[2].score == Approx(-2.0f));

            // l2, negative distance: b -> -1, a -> -sqrt(13), c -> -sqrt(10)
            auto l2 = tiny_index(Metric::l2, type)->search({query, 3});
            REQUIRE(l2.hits.size() == 3);
            CHECK(l2.hits[0].doc == 11);
            CHECK(l2.hits[0].score == Approx(-1.0f));
            CHECK(l2.hits[1].doc == 12);
            CHECK(l2.hits[1].score == Approx(-std::sqrt(10.0f)));
            CHECK(l2.hits[2].doc == 10);
            CHECK(l2.hits[2].score == Approx(-std::sqrt(13.0f)));
        }
    }
}

TEST_CASE("cosine normalizes at insert and query", "[dense][metric]") {
    VectorIndexSpec spec;
    spec.dimension = 3;
    auto index = make_vector_index(spec);
    index->add(1, std::vector<float>{100, 0, 0});
    index->add(2, std::vector<float>{0.6f, 0.8f, 0});
    const auto result = index->search({std::vector<float>{0, 0.5f, 0}, 2});
    REQUIRE(result.hits.size() == 2);
    CHECK(result.hits[0].doc == 2);
    CHECK(result.hits[0].score == Approx(0.8f));
    CHECK(result.hits[1].score == Approx(0.0f).margin(1e-6));
}

TEST_CASE("validate_vector rejects bad vectors naming the component", "[dense][validate]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    expect_invalid_vector({1, 2}, 3, Metric::l2, "has 2 components; the collection's dimension is 3");
    expect_invalid_vector({1, nan, 2}, 3, Metric::dot, "component 1 is NaN");
    expect_invalid_vector({1, 2, inf}, 3, Metric::dot, "component 2 is +infinity");
    expect_invalid_vector({-inf, 2, 3}, 3, Metric::l2, "component 0 is -infinity");
    expect_invalid_vector({0, 0, 0}, 3, Metric::cosine, "all zeros");
    CHECK_NOTHROW(validate_vector(std::vector<float>{0, 0, 0}, 3, Metric::l2));
    CHECK_NOTHROW(validate_vector(std::vector<float>{0, 0, 0}, 3, Metric::dot));
    CHECK_NOTHROW(validate_vector(std::vector<float>{1e-20f, 0, 0}, 3, Metric::cosine));
}

TEST_CASE("add and search reject bad vectors before storing anything", "[dense][validate]") {
    VectorIndexSpec spec;
    spec.dimension = 2;
    auto index = make_vector_index(spec);
    CHECK_THROWS_AS(index->add(1, std::vector<float>{0, 0}), Error);
    CHECK_THROWS_AS(index->add(1, std::vector<float>{1, 2, 3}), Error);
    CHECK(index->size() == 0);
    CHECK_FALSE(index->contains(1));
    // A batch with one bad row stores none of it.
    const std::vector<DocOrdinal> docs{1, 2};
    const std::vector<float> rows{1, 1, std::numeric_limits<float>::quiet_NaN(), 1};
    try {
        index->add_batch(docs, rows);
        FAIL("expected invalid_vector");
    } catch (const Error& e) {
        CHECK_THAT(e.what(), Catch::Contains("row 1") && Catch::Contains("component 0 is NaN"));
    }
    CHECK(index->size() == 0);
    index->add(1, std::vector<float>{1, 0});
    CHECK_THROWS_AS(index->search({std::vector<float>{0, 0}, 1}), Error);
    CHECK_THROWS_AS(index->search({std::vector<float>{1}, 1}), Error);
}

TEST_CASE("make_vector_index rejects an impossible spec", "[dense][validate]") {
    VectorIndexSpec spec;
    CHECK_THROWS_AS(make_vector_index(spec), Error);  // dimension 0
    spec.dimension = 4;
    spec.m = 1;
    CHECK_THROWS_AS(make_vector_index(spec), Error);
}
