#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <random>
#include <vector>

#include "dense/faiss_vector_index.hpp"
#include "dense/vector_index.hpp"
#include "dense_test_data.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

constexpr std::size_t kDocs = 10000;
constexpr std::size_t kDim = 32;

// Built once per exact_filter_threshold and shared by the test cases (searches are const).
struct Fixture {
    std::vector<float> rows = clustered_vectors(kDocs, kDim, 50, 21);
    std::vector<float> queries = clustered_vectors(100, kDim, 50, 22);
    Oracle oracle{kDim, Metric::l2};

    std::unique_ptr<VectorIndex> build(std::size_t exact_filter_threshold, bool by_cost = true) {
        VectorIndexSpec spec;
        spec.dimension = kDim;
        spec.metric = Metric::l2;
        spec.exact_filter_threshold = exact_filter_threshold;
        spec.exact_filter_by_cost = by_cost;
        auto index = make_vector_index(spec);
        std::vector<DocOrdinal> docs(kDocs);
        for (std::size_t i = 0; i < kDocs; ++i) docs[i] = static_cast<DocOrdinal>(i);
        index->add_batch(docs, rows);
        if (oracle.size() == 0) {
            for (std::size_t i = 0; i < kDocs; ++i) oracle.add(static_cast<DocOrdinal>(i), row(rows, i, kDim));
        }
        return index;
    }
};

// Every `stride`-th ordinal (selectivity 1/stride), independent of the clusters.
Bitset every(std::size_t stride, std::size_t offset = 0) {
    Bitset allowed(kDocs);
    for (std::size_t i = offset; i < kDocs; i += stride) allowed.set(i);
    return allowed;
}

double filtered_recall(const VectorIndex& index, const Fixture& f, const Bitset& allowed, bool expect_exact) {
    double sum = 0;
    for (std::size_t q = 0; q < 100; ++q) {
        const auto query = row(f.queries, q, kDim);
        DenseQuery dq{query, 10};
        dq.allowed = &allowed;
        const auto result = index.search(dq);
        CHECK(result.exact == expect_exact);
        CHECK(result.allowed_count == allowed.count());
        for (const auto& hit : result.hits) REQUIRE(allowed.test(hit.doc));
        sum += recall(result.hits, f.oracle.top(query, 10, &allowed));
    }
    return sum / 100;
}

Fixture& shared_fixture() {
    static Fixture fixture;
    return fixture;
}

const VectorIndex& shared_index(std::size_t exact_filter_threshold, bool by_cost) {
    static std::map<std::pair<std::size_t, bool>, std::unique_ptr<VectorIndex>> built;
    auto& index = built[{exact_filter_threshold, by_cost}];
    if (!index) index = shared_fixture().build(exact_filter_threshold, by_cost);
    return *index;
}

}  // namespace

TEST_CASE("a filter keeping 1% under the threshold is scanned exactly", "[dense][filter]") {
    const Bitset allowed = every(100);  // 100 documents
    CHECK(filtered_recall(shared_index(2000, false), shared_fixture(), allowed, true) == 1.0);
}

TEST_CASE("a filter keeping 1% through the HNSW graph keeps recall >= 0.95", "[dense][filter]") {
    const auto& index = shared_index(0, false);  // never the exact path
    const Fixture& f = shared_fixture();
    const Bitset allowed = every(100, 7);
    const double r = filtered_recall(index, f, allowed, false);
    INFO("recall " << r);
    CHECK(r >= 0.95);
    DenseQuery dq{row(f.queries, 0, kDim), 10};
    dq.allowed = &allowed;
    CHECK(index.search(dq).ef_search > 100);  // raised for a selective filter
}

TEST_CASE("a broad filter goes through the graph and only returns allowed documents", "[dense][filter]") {
    const Bitset allowed = every(2);
    CHECK(filtered_recall(shared_index(2000, false), shared_fixture(), allowed, false) >= 0.95);
}

TEST_CASE("above the threshold, a filter is still scanned when that is cheaper than the graph walk", "[dense][filter]") {
    // 2,500 allowed of 10,000: ef 400 after raising, about 400 x 64 graph distances > 2,500 scans.
    const Bitset quarter = every(4);
    CHECK(filtered_recall(shared_index(2000, true), shared_fixture(), quarter, true) == 1.0);
    // Half the documents at ef_search 10: the walk (20 x 64) is cheaper than 5,000 scans.
    const Bitset half = every(2);
    DenseQuery dq{row(shared_fixture().queries, 0, kDim), 10, 10};
    dq.allowed = &half;
    CHECK_FALSE(shared_index(2000, true).search(dq).exact);
}

TEST_CASE("filters count only live documents and never return dead ones", "[dense][filter]") {
    Fixture f;
    auto index = f.build(2000);
    Bitset allowed = every(100);
    for (std::size_t i = 0; i < kDocs; i += 200) index->remove(static_cast<DocOrdinal>(i));  // half the allowed
    allowed.set(kDocs + 5);  // an ordinal without a vector
    DenseQuery dq{row(f.queries, 0, kDim), 150};
    dq.allowed = &allowed;
    const auto result = index->search(dq);
    CHECK(result.allowed_count == 50);
    CHECK(result.exact);
    CHECK(result.hits.size() == 50);
    for (const auto& hit : result.hits) {
        CHECK(index->contains(hit.doc));
        CHECK(allowed.test(hit.doc));
    }
    Bitset none(kDocs);
    dq.allowed = &none;
    CHECK(index->search(dq).hits.empty());
    CHECK(index->search(dq).allowed_count == 0);
}

TEST_CASE("filtered ef_search grows with selectivity and is capped", "[dense][filter]") {
    CHECK(FaissVectorIndex::filtered_ef_search(100, 10, 1000, 1000) == 100);
    CHECK(FaissVectorIndex::filtered_ef_search(100, 10, 500, 1000) == 200);
    CHECK(FaissVectorIndex::filtered_ef_search(100, 10, 100, 10000) > 1000);
    CHECK(FaissVectorIndex::filtered_ef_search(100, 10, 1, 1000000) <= 4096);
    CHECK(FaissVectorIndex::filtered_ef_search(10, 50, 1000, 1000) == 50);
}
