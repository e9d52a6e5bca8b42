// QueuedVectorIndex applies writes on a background thread: after any sequence of adds, batches,
// removals and remaps, it must hold exactly what the same writes made directly hold.
#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <vector>

#include "core/error.hpp"
#include "dense/queued_vector_index.hpp"
#include "dense_test_data.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

constexpr std::size_t kDim = 8;

VectorIndexSpec flat_spec() {
    VectorIndexSpec spec;
    spec.dimension = kDim;
    spec.metric = Metric::l2;
    spec.type = IndexType::flat;
    return spec;
}

// Every live document's stored vector and a few exact searches agree.
void require_same(const VectorIndex& a, const VectorIndex& b, DocOrdinal end, const std::vector<float>& probes) {
    REQUIRE(a.size() == b.size());
    std::vector<float> va(kDim), vb(kDim);
    for (DocOrdinal doc = 0; doc < end; ++doc) {
        REQUIRE(a.contains(doc) == b.contains(doc));
        if (!a.contains(doc)) continue;
        REQUIRE(a.stored_vector(doc, va));
        REQUIRE(b.stored_vector(doc, vb));
        REQUIRE(va == vb);
    }
    for (std::size_t p = 0; p * kDim < probes.size(); ++p) {
        const DenseQuery query{std::span<const float>(probes.data() + p * kDim, kDim), 10, 0, nullptr};
        const auto ha = a.search(query).hits, hb = b.search(query).hits;
        REQUIRE(ha.size() == hb.size());
        for (std::size_t i = 0; i < ha.size(); ++i) REQUIRE(ha[i].doc == hb[i].doc);
    }
}

}  // namespace

TEST_CASE("a queued index ends up holding what the same writes made directly hold", "[dense][queued][concurrency]") {
    const std::vector<float> rows = clustered_vectors(3000, kDim, 12, 17);
    const std::vector<float> probes = clustered_vectors(5, kDim, 12, 18);
    auto direct = make_vector_index(flat_spec());
    QueuedVectorIndex queued(make_vector_index(flat_spec()));
    std::mt19937 rng(5);
    DocOrdinal next = 0;
    std::vector<DocOrdinal> live;
    std::size_t row = 0;
    for (int step = 0; step < 400 && row + 40 <= 3000; ++step) {
        const unsigned what = rng() % 10;
        if (what < 4) {  // one add
            const std::span<const float> v(rows.data() + row++ * kDim, kDim);
            direct->add(next, v);
            queued.add(next, v);
            live.push_back(next++);
        } else if (what < 7) {  // a batch
            const std::size_t n = 1 + rng() % 30;
            std::vector<DocOrdinal> docs;
            for (std::size_t i = 0; i < n; ++i) docs.push_back(next++);
            const std::span<const float> v(rows.data() + row * kDim, n * kDim);
            row += n;
            direct->add_batch(docs, v);
            queued.add_batch(docs, v);
            live.insert(live.end(), docs.begin(), docs.end());
        } else if (what < 9 && !live.empty()) {  // a removal
            const std::size_t i = rng() % live.size();
            direct->remove(live[i]);
            queued.remove(live[i]);
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
        } else {  // renumber the live documents densely, as ordinal compaction does
            Bitset alive(next);
            for (const DocOrdinal doc : live) alive.set(doc);
            const OrdinalRemap remap = OrdinalRemap::compacting(alive, next);
            direct->remap(remap);
            queued.remap(remap);
            for (auto& doc : live) doc = remap(doc);
            next = static_cast<DocOrdinal>(remap.new_end());
        }
        if (step % 50 == 0) require_same(*direct, queued, next, probes);  // reads wait for the queue
    }
    require_same(*direct, queued, next, probes);
    const std::unique_ptr<VectorIndex> finished = queued.finish();
    require_same(*direct, *finished, next, probes);
}

TEST_CASE("a queued index validates each write when it is made", "[dense][queued][concurrency]") {
    QueuedVectorIndex queued(make_vector_index(flat_spec()));
    const std::vector<float> short_vector(kDim - 1, 1.0f);
    CHECK_THROWS_AS(queued.add(0, short_vector), Error);
    std::vector<float> with_nan(kDim, 1.0f);
    with_nan[3] = std::numeric_limits<float>::quiet_NaN();
    const std::vector<DocOrdinal> docs{0};
    CHECK_THROWS_AS(queued.add_batch(docs, with_nan), Error);
    CHECK(queued.size() == 0);
    CHECK(queued.finish()->size() == 0);
}
