#include "dense/hnsw_graph_search.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <faiss/MetricType.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/impl/IDSelector.h>

#include "dense/hnsw_walk_heaps.hpp"
#include "dense/kernel_storage.hpp"
#include "dense/visited_marks.hpp"

namespace braid::dense {

namespace {

using faiss::HNSW;
using idx_t = faiss::Index::idx_t;
using walk::Node;
static_assert(std::is_same_v<Node::second_type, HNSW::storage_idx_t>);

struct SearchBuffers {
    VisitedMarks visited;
    std::vector<Node> candidates;  // min-heap: the next node to expand on top
    std::vector<Node> nearest;     // max-heap of the ef nearest nodes seen: the worst on top
    std::vector<Node> members;     // max-heap of the k nearest nodes the selector accepts
    std::vector<HNSW::storage_idx_t> batch;
};

SearchBuffers& buffers() {
    thread_local SearchBuffers instance;
    return instance;
}

// Distance to float rows through the kernel, negated under inner product (HNSW minimizes).
class FloatRowsQuery {
public:
    FloatRowsQuery(const KernelFlatStorage& storage, const float* query)
        : rows_(storage.rows()),
          dimension_(static_cast<std::size_t>(storage.d)),
          query_(query),
          sign_(storage.metric_type == faiss::METRIC_INNER_PRODUCT ? -1.0f : 1.0f),
          distance_(storage.metric_type == faiss::METRIC_INNER_PRODUCT ? active_kernels().inner_product
                                                                       : active_kernels().l2_squared),
          distance_4_(storage.metric_type == faiss::METRIC_INNER_PRODUCT ? active_kernels().inner_product_4
                                                                         : active_kernels().l2_squared_4),
          prefetch_bytes_(std::min<std::size_t>(4 * 64, dimension_ * sizeof(float))) {}
    float operator()(HNSW::storage_idx_t id) const { return sign_ * distance_(query_, row(id), dimension_); }
    // Four rows in one kernel call; the same values as four single calls.
    void four(const HNSW::storage_idx_t* ids, float* out) const {
        const float* rows[4] = {row(ids[0]), row(ids[1]), row(ids[2]), row(ids[3])};
        distance_4_(query_, rows, dimension_, out);
        for (int r = 0; r < 4; ++r) out[r] *= sign_;
    }
    // The row's first lines (measured best on SciFact 256-d: 4 lines beat 2, 6 and the whole row;
    // the hardware prefetcher follows the rest as the kernel streams it).
    void prefetch(HNSW::storage_idx_t id) const {
        const char* start = reinterpret_cast<const char*>(row(id));
        for (std::size_t line = 0; line < prefetch_bytes_; line += 64) __builtin_prefetch(start + line);
    }

private:
    const float* row(HNSW::storage_idx_t id) const { return rows_ + static_cast<std::size_t>(id) * dimension_; }

    const float* rows_;
    std::size_t dimension_;
    const float* query_;
    float sign_;
    float (*distance_)(const float*, const float*, std::size_t);
    void (*distance_4_)(const float*, const float* const*, std::size_t, float*);
    std::size_t prefetch_bytes_;
};

// A FAISS distance computer of concrete type `Computer` (int8 codes, or any storage braid did not
// install), negated under inner product. A final `Computer` is called without virtual dispatch.
template <typename Computer>
class ComputerQuery {
public:
    ComputerQuery(std::unique_ptr<faiss::DistanceComputer> computer, faiss::MetricType metric, const float* query)
        : computer_(std::move(computer)),
          typed_(static_cast<Computer&>(*computer_)),
          sign_(metric == faiss::METRIC_INNER_PRODUCT ? -1.0f : 1.0f) {
        computer_->set_query(query);
    }
    float operator()(HNSW::storage_idx_t id) const { return sign_ * typed_(id); }
    void four(const HNSW::storage_idx_t* ids, float* out) const {
        for (int r = 0; r < 4; ++r) out[r] = (*this)(ids[r]);
    }
    void prefetch(HNSW::storage_idx_t) const {}

private:
    std::unique_ptr<faiss::DistanceComputer> computer_;
    Computer& typed_;
    float sign_;
};

// Scores `ids` four per kernel call (a short last group repeats its last row, ignored) and hands
// each (id, distance) to `consider` in order: the same values, in the same order, as one by one.
template <typename Distance, typename Consider>
void score_in_fours(const Distance& distance, const HNSW::storage_idx_t* ids, std::size_t count, Consider&& consider) {
    std::size_t j = 0;
    float four[4];
    for (; j + 4 <= count; j += 4) {
        distance.four(ids + j, four);
        for (std::size_t r = 0; r < 4; ++r) consider(ids[j + r], four[r]);
    }
    if (j < count) {
        HNSW::storage_idx_t last[4];
        for (std::size_t r = 0; r < 4; ++r) last[r] = ids[std::min(j + r, count - 1)];
        distance.four(last, four);
        for (std::size_t r = 0; j + r < count; ++r) consider(last[r], four[r]);
    }
}

// Greedy descent through the upper levels: move to the closest neighbour until none is closer.
// `batch` has room for the widest level's neighbour list.
template <typename Distance>
void greedy_descent(const HNSW& hnsw, const Distance& distance, HNSW::storage_idx_t* batch, HNSW::storage_idx_t& nearest,
                    float& nearest_distance) {
    for (int level = hnsw.max_level; level >= 1; --level) {
        for (bool moved = true; moved;) {
            moved = false;
            std::size_t begin = 0, end = 0;
            hnsw.neighbor_range(nearest, level, &begin, &end);
            std::size_t count = 0;
            for (std::size_t i = begin; i < end; ++i) {
                const HNSW::storage_idx_t v = hnsw.neighbors[i];
                if (v < 0) break;
                distance.prefetch(v);
                batch[count++] = v;
            }
            score_in_fours(distance, batch, count, [&](HNSW::storage_idx_t v, float d) {
                if (d < nearest_distance) {
                    nearest = v;
                    nearest_distance = d;
                    moved = true;
                }
            });
        }
    }
}

// Best-first search of level 0 with a beam of `ef` nodes (the HNSW paper's SEARCH-LAYER, as
// hnswlib runs it), the neighbours of a node scored together after prefetching their rows.
// With a selector the walk is the same and only accepted nodes become results.
template <typename Distance>
void search_graph(const faiss::IndexHNSW& index, const Distance& distance, std::size_t k, std::size_t ef,
                  const faiss::IDSelector* selector, float* distances, idx_t* labels) {
    const HNSW& hnsw = index.hnsw;
    SearchBuffers& b = buffers();
    std::size_t found = 0;
    if (hnsw.entry_point >= 0) {
        const std::size_t level0_width = static_cast<std::size_t>(hnsw.nb_neighbors(0));
        std::size_t widest = level0_width;  // 2m at level 0 and m above as FAISS builds it, but a loaded graph says
        for (int level = 1; level <= hnsw.max_level; ++level) {
            widest = std::max(widest, static_cast<std::size_t>(hnsw.nb_neighbors(level)));
        }
        b.batch.resize(widest);
        HNSW::storage_idx_t* const batch = b.batch.data();
        HNSW::storage_idx_t entry = hnsw.entry_point;
        float entry_distance = distance(entry);
        greedy_descent(hnsw, distance, batch, entry, entry_distance);

        const VisitedView visited = b.visited.start(static_cast<std::size_t>(index.ntotal));
        b.candidates.clear();
        b.nearest.clear();
        b.members.clear();
        visited.first_visit(entry);
        b.candidates.push_back({entry_distance, entry});
        b.nearest.push_back({entry_distance, entry});
        if (selector != nullptr && selector->is_member(entry)) b.members.push_back({entry_distance, entry});
        const HNSW::storage_idx_t* const neighbors = hnsw.neighbors.data();
        const std::size_t* const offsets = hnsw.offsets.data();

        while (!b.candidates.empty()) {
            const Node current = b.candidates.front();
            if (current.first > b.nearest.front().first && b.nearest.size() >= ef) break;
            walk::pop_closest(b.candidates);
            // The next node to expand is likely the new top: fetch its neighbour list meanwhile.
            if (!b.candidates.empty()) {
                const char* list = reinterpret_cast<const char*>(
                    neighbors + offsets[static_cast<std::size_t>(b.candidates.front().second)]);
                for (std::size_t line = 0; line < level0_width * sizeof(HNSW::storage_idx_t); line += 64) {
                    __builtin_prefetch(list + line);
                }
            }

            const HNSW::storage_idx_t* const list = neighbors + offsets[static_cast<std::size_t>(current.second)];
            std::size_t scored = 0;
            for (std::size_t i = 0; i < level0_width; ++i) {
                const HNSW::storage_idx_t v = list[i];
                if (v < 0) break;
                batch[scored] = v;
                scored += visited.first_visit_flag(v);
            }
            for (std::size_t i = 0; i < scored; ++i) distance.prefetch(batch[i]);
            const auto consider = [&](HNSW::storage_idx_t v, float d) {
                if (b.nearest.size() < ef || d < b.nearest.front().first) {
                    b.candidates.push_back({d, v});
                    std::push_heap(b.candidates.begin(), b.candidates.end(), walk::closer_first);
                    walk::keep_nearest(b.nearest, ef, {d, v});
                }
                if (selector != nullptr && selector->is_member(v)) walk::keep_nearest(b.members, k, {d, v});
            };
            score_in_fours(distance, batch, scored, consider);
        }
        std::vector<Node>& results = selector != nullptr ? b.members : b.nearest;
        std::sort_heap(results.begin(), results.end(), walk::farther_first);  // ascending distance
        found = std::min(k, results.size());
        for (std::size_t i = 0; i < found; ++i) {
            distances[i] = results[i].first;
            labels[i] = results[i].second;
        }
    }
    for (std::size_t i = found; i < k; ++i) {
        distances[i] = std::numeric_limits<float>::infinity();
        labels[i] = -1;
    }
}

}  // namespace

void search_hnsw_graph(const faiss::IndexHNSW& index, const float* query, faiss::Index::idx_t k,
                       const faiss::SearchParametersHNSW& params, float* distances, faiss::Index::idx_t* labels) {
    const auto wanted = static_cast<std::size_t>(k);
    const std::size_t ef = std::max<std::size_t>(wanted, static_cast<std::size_t>(std::max(params.efSearch, 1)));
    if (const auto* flat = dynamic_cast<const KernelFlatStorage*>(index.storage)) {
        search_graph(index, FloatRowsQuery(*flat, query), wanted, ef, params.sel, distances, labels);
    } else {
        std::unique_ptr<faiss::DistanceComputer> computer(index.storage->get_distance_computer());
        if (dynamic_cast<Int8RowsDistance*>(computer.get()) != nullptr) {
            const ComputerQuery<Int8RowsDistance> distance(std::move(computer), index.metric_type, query);
            search_graph(index, distance, wanted, ef, params.sel, distances, labels);
        } else {
            const ComputerQuery<faiss::DistanceComputer> distance(std::move(computer), index.metric_type, query);
            search_graph(index, distance, wanted, ef, params.sel, distances, labels);
        }
    }
    if (index.metric_type == faiss::METRIC_INNER_PRODUCT) {
        for (std::size_t i = 0; i < wanted; ++i) distances[i] = -distances[i];
    }
}

}  // namespace braid::dense
