// braid's HNSW walk (search_hnsw_graph: four-row kernels, prefetching, branch-free visited marks
// and heaps) against the same walk written plainly here (one distance at a time, std heaps, a
// bool per visited node): the very same ids and distance bits, on graphs whose vectors have small
// integer coordinates so that equal distances (where two correct walks could part) are everywhere.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <queue>
#include <random>
#include <utility>
#include <vector>

#include <faiss/IndexHNSW.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/impl/IDSelector.h>

#include "dense/faiss_vector_index.hpp"
#include "dense/hnsw_graph_search.hpp"
#include "dense/metric.hpp"
#include "dense/vector_index.hpp"
#include "tests/dense/plain_sift.hpp"

using namespace braid;
using namespace braid::dense;

namespace {

using idx_t = faiss::Index::idx_t;
using Node = std::pair<float, idx_t>;

struct Hits {
    std::vector<idx_t> labels;
    std::vector<std::uint32_t> distance_bits;
    bool operator==(const Hits&) const = default;
};

std::uint32_t bits(float value) {
    std::uint32_t out;
    std::memcpy(&out, &value, sizeof out);
    return out;
}

struct EvenIds final : faiss::IDSelector {
    bool is_member(idx_t id) const override { return id % 2 == 0; }
};

struct CloserFirst {
    bool operator()(const Node& a, const Node& b) const { return a.first > b.first; }
};
constexpr auto farther_first = [](const Node& a, const Node& b) { return a.first < b.first; };

// The k nearest offered, as a max-heap: the worst replaced in one sift-down.
void keep(std::vector<Node>& heap, std::size_t limit, Node node) {
    if (heap.size() < limit) {
        heap.push_back(node);
        std::push_heap(heap.begin(), heap.end(), farther_first);
        return;
    }
    if (!(node.first < heap.front().first)) return;
    test::replace_farthest_plainly(heap, node);
}

// Greedy descent through the upper levels, then best-first search of level 0 with a beam of ef.
Hits reference_walk(const faiss::IndexHNSW& index, const float* query, std::size_t k, std::size_t ef,
                    const faiss::IDSelector* selector) {
    const faiss::HNSW& hnsw = index.hnsw;
    std::unique_ptr<faiss::DistanceComputer> computer(index.storage->get_distance_computer());
    computer->set_query(query);
    const bool inner_product = index.metric_type == faiss::METRIC_INNER_PRODUCT;
    const auto distance = [&](idx_t id) { return (inner_product ? -1.0f : 1.0f) * (*computer)(id); };

    idx_t entry = hnsw.entry_point;
    float entry_distance = distance(entry);
    for (int level = hnsw.max_level; level >= 1; --level) {
        for (bool moved = true; moved;) {
            moved = false;
            std::size_t begin = 0, end = 0;
            hnsw.neighbor_range(entry, level, &begin, &end);
            for (std::size_t i = begin; i < end && hnsw.neighbors[i] >= 0; ++i) {
                const float d = distance(hnsw.neighbors[i]);
                if (d < entry_distance) {
                    entry = hnsw.neighbors[i];
                    entry_distance = d;
                    moved = true;
                }
            }
        }
    }

    std::vector<bool> visited(static_cast<std::size_t>(index.ntotal), false);
    std::priority_queue<Node, std::vector<Node>, CloserFirst> candidates;
    std::vector<Node> nearest, members;
    visited[static_cast<std::size_t>(entry)] = true;
    candidates.push({entry_distance, entry});
    nearest.push_back({entry_distance, entry});
    if (selector != nullptr && selector->is_member(entry)) members.push_back({entry_distance, entry});
    while (!candidates.empty()) {
        const Node current = candidates.top();
        if (current.first > nearest.front().first && nearest.size() >= ef) break;
        candidates.pop();
        std::size_t begin = 0, end = 0;
        hnsw.neighbor_range(current.second, 0, &begin, &end);
        for (std::size_t i = begin; i < end && hnsw.neighbors[i] >= 0; ++i) {
            const idx_t v = hnsw.neighbors[i];
            if (visited[static_cast<std::size_t>(v)]) continue;
            visited[static_cast<std::size_t>(v)] = true;
            const float d = distance(v);
            if (nearest.size() < ef || d < nearest.front().first) {
                candidates.push({d, v});
                keep(nearest, ef, {d, v});
            }
            if (selector != nullptr && selector->is_member(v)) keep(members, k, {d, v});
        }
    }
    std::vector<Node>& results = selector != nullptr ? members : nearest;
    std::sort_heap(results.begin(), results.end(), farther_first);
    Hits hits;
    for (std::size_t i = 0; i < std::min(k, results.size()); ++i) {
        hits.labels.push_back(results[i].second);
        hits.distance_bits.push_back(bits(inner_product ? -results[i].first : results[i].first));
    }
    return hits;
}

Hits braid_walk(const faiss::IndexHNSW& index, const float* query, std::size_t k, std::size_t ef,
                const faiss::IDSelector* selector) {
    faiss::SearchParametersHNSW params;
    params.efSearch = static_cast<int>(ef);
    params.sel = const_cast<faiss::IDSelector*>(selector);
    std::vector<float> distances(k);
    std::vector<idx_t> labels(k);
    search_hnsw_graph(index, query, static_cast<idx_t>(k), params, distances.data(), labels.data());
    Hits hits;
    for (std::size_t i = 0; i < k && labels[i] >= 0; ++i) {
        hits.labels.push_back(labels[i]);
        hits.distance_bits.push_back(bits(distances[i]));
    }
    return hits;
}

// Coordinates in {0, 1, 2}: many vectors (and distances) repeat exactly.
std::vector<float> small_integer_rows(std::size_t n, std::size_t d, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> value(0, 2);
    std::vector<float> rows(n * d);
    for (auto& v : rows) v = static_cast<float>(value(rng));
    return rows;
}

}  // namespace

TEST_CASE("the HNSW walk returns what the plain walk returns, bit for bit, ties included", "[dense][walk]") {
    constexpr std::size_t kDocs = 1500;
    constexpr std::size_t kQueries = 40;
    for (const Metric metric : {Metric::dot, Metric::l2}) {
        for (const std::size_t d : {std::size_t{6}, std::size_t{33}}) {
            VectorIndexSpec spec;
            spec.dimension = d;
            spec.metric = metric;
            spec.m = 8;
            spec.ef_construction = 40;
            auto index = make_vector_index(spec);
            std::vector<DocOrdinal> docs(kDocs);
            for (std::size_t i = 0; i < kDocs; ++i) docs[i] = static_cast<DocOrdinal>(i);
            index->add_batch(docs, small_integer_rows(kDocs, d, 5 + static_cast<unsigned>(d)));
            const auto& graph = dynamic_cast<const faiss::IndexHNSW&>(dynamic_cast<const FaissVectorIndex&>(*index).faiss_index());
            REQUIRE(graph.hnsw.max_level >= 1);  // the upper levels' descent is exercised too

            const std::vector<float> queries = small_integer_rows(kQueries, d, 77);
            const EvenIds even;
            std::size_t compared = 0;
            for (std::size_t q = 0; q < kQueries; ++q) {
                const float* query = queries.data() + q * d;
                for (const auto& [k, ef] : {std::pair<std::size_t, std::size_t>{1, 1}, {10, 16}, {10, 64}, {50, 50}}) {
                    for (const faiss::IDSelector* selector : {static_cast<const faiss::IDSelector*>(nullptr),
                                                              static_cast<const faiss::IDSelector*>(&even)}) {
                        INFO("metric " << metric_name(metric) << " d " << d << " query " << q << " k " << k << " ef "
                                       << ef << (selector != nullptr ? " even ids" : ""));
                        const Hits expected = reference_walk(graph, query, k, ef, selector);
                        REQUIRE(expected.labels.size() == k);
                        REQUIRE(braid_walk(graph, query, k, ef, selector) == expected);
                        ++compared;
                    }
                }
            }
            CHECK(compared == kQueries * 8);
        }
    }
}
