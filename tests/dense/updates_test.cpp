#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <vector>

#include "dense/vector_index.hpp"
#include "dense_test_data.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

constexpr std::size_t kDim = 16;

// Random adds, replacements and deletes, mirrored into the oracle.
void random_operations(VectorIndex& index, Oracle& oracle, std::size_t operations, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<DocOrdinal> doc_of(0, 799);
    std::uniform_int_distribution<int> op_of(0, 9);
    std::normal_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> v(kDim);
    for (std::size_t i = 0; i < operations; ++i) {
        const DocOrdinal doc = doc_of(rng);
        if (op_of(rng) < 3) {
            index.remove(doc);
            oracle.remove(doc);
        } else {
            for (auto& x : v) x = unit(rng);
            index.add(doc, v);
            oracle.add(doc, v);
        }
    }
}

// Every hit is live, carries the score of the document's current vector, and (k = all) the
// index returns each live document exactly once.
void check_against_oracle(const VectorIndex& index, const Oracle& oracle, Metric metric, bool exact_expected,
                          unsigned seed) {
    REQUIRE(index.size() == oracle.size());
    for (const auto& [doc, v] : oracle.docs()) CHECK(index.contains(doc));
    std::mt19937 rng(seed);
    std::normal_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> q(kDim);
    double recall_sum = 0;
    const int queries = 50;
    for (int i = 0; i < queries; ++i) {
        for (auto& x : q) x = unit(rng);
        const auto result = index.search({q, 10});
        for (const auto& hit : result.hits) {
            REQUIRE(oracle.contains(hit.doc));
            CHECK(hit.score == Approx(oracle_score(q, oracle.docs().at(hit.doc), metric)).epsilon(1e-4));
        }
        const auto truth = oracle.top(q, 10);
        recall_sum += recall(result.hits, truth);
        if (exact_expected) {
            REQUIRE(result.hits.size() == truth.size());
            for (std::size_t r = 0; r < truth.size(); ++r) CHECK(result.hits[r].doc == truth[r]);
        }
    }
    CHECK(recall_sum / queries >= 0.95);
    const auto everything = index.search({q, oracle.size() + 50, 1000});
    std::set<DocOrdinal> seen;
    for (const auto& hit : everything.hits) {
        CHECK(oracle.contains(hit.doc));
        CHECK(seen.insert(hit.doc).second);
    }
    if (exact_expected) CHECK(seen.size() == oracle.size());
}

}  // namespace

TEST_CASE("deleted and replaced vectors are never returned", "[dense][updates]") {
    for (const IndexType type : {IndexType::flat, IndexType::hnsw}) {
        for (const Metric metric : {Metric::cosine, Metric::l2}) {
            VectorIndexSpec spec;
            spec.dimension = kDim;
            spec.type = type;
            spec.metric = metric;
            auto index = make_vector_index(spec);
            Oracle oracle(kDim, metric);
            for (unsigned round = 0; round < 4; ++round) {
                random_operations(*index, oracle, 1500, 100 + round);
                check_against_oracle(*index, oracle, metric, type == IndexType::flat, 200 + round);
            }
        }
    }
}

TEST_CASE("remove of an absent document is a no-op", "[dense][updates]") {
    VectorIndexSpec spec;
    spec.dimension = 2;
    auto index = make_vector_index(spec);
    index->remove(5);
    index->add(1, std::vector<float>{1, 0});
    index->remove(5);
    index->remove(100000);
    CHECK(index->size() == 1);
    index->remove(1);
    index->remove(1);
    CHECK(index->size() == 0);
    CHECK(index->search({std::vector<float>{1, 0}, 10}).hits.empty());
}

TEST_CASE("needs_rebuild passes the dead ratio and rebuilt() keeps every live vector", "[dense][rebuild]") {
    for (const IndexType type : {IndexType::flat, IndexType::hnsw}) {
        for (const Quantization quantization : {Quantization::none, Quantization::int8}) {
            if (type == IndexType::flat && quantization == Quantization::int8) continue;
            VectorIndexSpec spec;
            spec.dimension = kDim;
            spec.type = type;
            spec.quantization = quantization;
            spec.metric = Metric::l2;
            spec.rebuild_dead_ratio = 0.2;
            auto index = make_vector_index(spec);
            const auto rows = clustered_vectors(3000, kDim, 20, 5);
            Oracle oracle(kDim, Metric::l2);
            for (std::size_t i = 0; i < 3000; ++i) {
                index->add(static_cast<DocOrdinal>(i), row(rows, i, kDim));
                oracle.add(static_cast<DocOrdinal>(i), row(rows, i, kDim));
            }
            CHECK_FALSE(index->needs_rebuild());
            for (DocOrdinal doc = 0; doc < 500; ++doc) index->remove(doc), oracle.remove(doc);
            CHECK_FALSE(index->needs_rebuild());  // 500 / 3000 dead
            for (DocOrdinal doc = 500; doc < 800; ++doc) {
                std::vector<float> moved(row(rows, doc, kDim).begin(), row(rows, doc, kDim).end());
                for (auto& x : moved) x += 0.7f;
                index->add(doc, moved);  // replaced: the old slot dies
                oracle.add(doc, moved);
            }
            CHECK(index->needs_rebuild());  // 800 / 3300 dead

            const auto before_memory = index->memory_bytes();
            const auto copy = index->rebuilt();
            CHECK_FALSE(copy->needs_rebuild());
            CHECK(copy->size() == index->size());
            CHECK(copy->memory_bytes() < before_memory);
            // Same ordinals; each live document found by its own vector, same results as before.
            std::size_t self_found = 0, same_top = 0;
            for (const auto& [doc, v] : oracle.docs()) {
                REQUIRE(copy->contains(doc));
                const auto after = copy->search({v, 5});
                const auto before = index->search({v, 5});
                self_found += !after.hits.empty() && after.hits[0].doc == doc;
                same_top += !after.hits.empty() && !before.hits.empty() && after.hits[0].doc == before.hits[0].doc;
                for (const auto& hit : after.hits) REQUIRE(oracle.contains(hit.doc));
            }
            INFO("type " << int(type) << " int8 " << int(quantization) << " self " << self_found << " same " << same_top);
            CHECK(self_found >= oracle.size() * 99 / 100);
            CHECK(same_top >= oracle.size() * 99 / 100);
            if (type == IndexType::flat) CHECK(self_found == oracle.size());
        }
    }
}
