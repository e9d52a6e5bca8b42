// VectorIndex::remap: renumbering documents (ordinal compaction) rewrites only the slot map;
// every search returns the same documents with the same scores.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <random>
#include <vector>

#include "core/error.hpp"
#include "dense/vector_index.hpp"
#include "dense_test_data.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

constexpr std::size_t kDim = 16;

// Engine-like churn: each write of an id takes a new ordinal and retires the old one.
struct Churned {
    std::unique_ptr<VectorIndex> index;
    std::map<DocOrdinal, int> id_of;  // live ordinal -> external id
    Bitset live;
    DocOrdinal next = 0;

    Churned(VectorIndexSpec spec, int ids, int writes) : index(make_vector_index(spec)) {
        std::mt19937 rng(3);
        std::normal_distribution<float> unit(0.0f, 1.0f);
        std::map<int, DocOrdinal> ordinal_of;
        std::vector<float> v(kDim);
        for (int w = 0; w < writes; ++w) {
            const int id = static_cast<int>(rng() % static_cast<unsigned>(ids));
            if (const auto it = ordinal_of.find(id); it != ordinal_of.end()) {
                index->remove(it->second);
                live.reset(it->second);
                id_of.erase(it->second);
                ordinal_of.erase(it);
            }
            if (rng() % 4 == 0) continue;  // a delete
            for (auto& x : v) x = unit(rng);
            index->add(next, v);
            live.set(next);
            id_of[next] = id;
            ordinal_of[id] = next;
            ++next;
        }
    }
};

using IdHits = std::vector<std::pair<int, float>>;

IdHits by_id(const DenseResult& r, const std::map<DocOrdinal, int>& id_of) {
    IdHits out;
    for (const auto& h : r.hits) out.emplace_back(id_of.at(h.doc), h.score);
    return out;
}

std::vector<std::vector<float>> queries() {
    const auto rows = clustered_vectors(20, kDim, 4, 17);
    std::vector<std::vector<float>> out;
    for (std::size_t i = 0; i < 20; ++i) out.emplace_back(rows.begin() + i * kDim, rows.begin() + (i + 1) * kDim);
    return out;
}

// Unfiltered, a broad filter (graph walk) and a narrow one (exact scan), each query.
std::vector<IdHits> run_all(const VectorIndex& index, const Bitset& broad, const Bitset& narrow,
                            const std::map<DocOrdinal, int>& id_of) {
    std::vector<IdHits> out;
    for (const auto& q : queries()) {
        DenseQuery query{q, 10, 0, nullptr};
        out.push_back(by_id(index.search(query), id_of));
        query.allowed = &broad;
        out.push_back(by_id(index.search(query), id_of));
        query.allowed = &narrow;
        out.push_back(by_id(index.search(query), id_of));
    }
    return out;
}

VectorIndexSpec spec_of(IndexType type) {
    VectorIndexSpec spec;
    spec.dimension = kDim;
    spec.type = type;
    spec.m = 16;
    spec.ef_construction = 80;
    spec.ef_search = 64;
    spec.rebuild_dead_ratio = 1.0;  // keep the dead slots: the remap must cope with them
    spec.exact_filter_threshold = 100;
    return spec;
}

}  // namespace

TEST_CASE("A remapped vector index returns the same documents and scores", "[dense][remap]") {
    const IndexType type = GENERATE(IndexType::hnsw, IndexType::flat);
    Churned c(spec_of(type), 600, 5000);
    REQUIRE(c.next > 3 * c.id_of.size());
    Bitset broad, narrow;
    for (const auto& [o, id] : c.id_of) {
        if (id % 2 == 0) broad.set(o);
        if (id % 20 == 0) narrow.set(o);
    }
    const auto before = run_all(*c.index, broad, narrow, c.id_of);
    const std::size_t size = c.index->size();
    const std::size_t memory = c.index->memory_bytes();

    const auto remap = OrdinalRemap::compacting(c.live, c.next);
    c.index->remap(remap);
    std::map<DocOrdinal, int> id_of;
    for (const auto& [o, id] : c.id_of) id_of[remap(o)] = id;
    CHECK(c.index->size() == size);
    CHECK(c.index->memory_bytes() < memory);
    for (const auto& [o, id] : id_of) CHECK(c.index->contains(o));
    CHECK_FALSE(c.index->contains(static_cast<DocOrdinal>(remap.new_end())));
    const auto after = run_all(*c.index, remap.apply(broad), remap.apply(narrow), id_of);
    CHECK(after == before);

    // Persisted and reloaded, and rebuilt without the dead slots: still the same documents.
    test_support::TempDir dir("braid-remap");
    c.index->save(dir.path());
    const auto loaded = load_vector_index(spec_of(type), dir.path());
    CHECK(run_all(*loaded, remap.apply(broad), remap.apply(narrow), id_of) == before);
    const auto rebuilt = c.index->rebuilt();
    CHECK(rebuilt->size() == size);
    if (type == IndexType::flat) CHECK(run_all(*rebuilt, remap.apply(broad), remap.apply(narrow), id_of) == before);

    // Later ordinals continue after the remapped ones.
    const auto extra = static_cast<DocOrdinal>(remap.new_end());
    c.index->add(extra, queries()[0]);
    const auto hit = c.index->search(DenseQuery{queries()[0], 1, 0, nullptr});
    REQUIRE(hit.hits.size() == 1);
    CHECK(hit.hits[0].doc == extra);
}

TEST_CASE("A vector remap that drops a document with a live vector is refused", "[dense][remap]") {
    Churned c(spec_of(IndexType::flat), 50, 200);
    Bitset fewer = c.live;
    fewer.reset(c.id_of.begin()->first);
    const auto before = by_id(c.index->search(DenseQuery{queries()[1], 10, 0, nullptr}), c.id_of);
    CHECK_THROWS_AS(c.index->remap(OrdinalRemap::compacting(fewer, c.next)), Error);
    CHECK(by_id(c.index->search(DenseQuery{queries()[1], 10, 0, nullptr}), c.id_of) == before);
}
