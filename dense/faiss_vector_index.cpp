#include "dense/faiss_vector_index.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "dense/exact_scan.hpp"
#include "dense/kernel_storage.hpp"
#include "dense/metric.hpp"
#include "dense/slot_selector.hpp"

namespace braid::dense {

namespace {

constexpr int kMaxFilteredEfSearch = 4096;
constexpr std::size_t kRebuildChunkRows = 65536;

}  // namespace

FaissVectorIndex::FaissVectorIndex(const VectorIndexSpec& spec, std::unique_ptr<faiss::Index> index)
    : spec_(spec), index_(std::move(index)) {}

void FaissVectorIndex::add(DocOrdinal doc, std::span<const float> vector) {
    validate_vector(vector, spec_.dimension, spec_.metric);
    std::vector<float> row(spec_.dimension);
    prepare_vector(vector, spec_.metric, row.data());
    add_prepared(std::span<const DocOrdinal>(&doc, 1), row.data());
}

void FaissVectorIndex::add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) {
    const std::size_t d = spec_.dimension;
    if (vectors.size() != docs.size() * d) {
        throw Error(ErrorKind::invalid_argument, "invalid_vector",
                    "batch has " + std::to_string(vectors.size()) + " floats for " + std::to_string(docs.size()) +
                        " documents of dimension " + std::to_string(d));
    }
    std::vector<float> rows(vectors.size());
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto vector = vectors.subspan(i * d, d);
        try {
            validate_vector(vector, d, spec_.metric);
        } catch (const Error& e) {
            throw Error(e.kind(), e.type(), "vector of batch row " + std::to_string(i) + ": " + e.what(), e.path());
        }
        prepare_vector(vector, spec_.metric, rows.data() + i * d);
    }
    add_prepared(docs, rows.data());
}

void FaissVectorIndex::add_prepared(std::span<const DocOrdinal> docs, const float* rows) {
    if (docs.empty()) return;
    const std::size_t d = spec_.dimension;
    if (index_->is_trained) {
        // FAISS first: if it throws, the slot map is untouched. New slots are ntotal, ntotal+1, ...
        index_->add(static_cast<faiss::Index::idx_t>(docs.size()), rows);
        for (const DocOrdinal doc : docs) slots_.assign(doc);
        return;
    }
    untrained_.insert(untrained_.end(), rows, rows + docs.size() * d);
    for (const DocOrdinal doc : docs) slots_.assign(doc);
    if (slots_.slot_count() >= kTrainingVectors) train_on_collected();
}

void FaissVectorIndex::train_on_collected() {
    const auto n = static_cast<faiss::Index::idx_t>(slots_.slot_count());
    index_->train(n, untrained_.data());
    index_->add(n, untrained_.data());
    untrained_.clear();
    untrained_.shrink_to_fit();
}

int FaissVectorIndex::filtered_ef_search(int ef_search, std::size_t k, std::size_t allowed, std::size_t live) {
    const int base = std::max(ef_search, static_cast<int>(std::min<std::size_t>(k, kMaxFilteredEfSearch)));
    if (allowed == 0 || allowed >= live) return base;
    const double selectivity = static_cast<double>(allowed) / static_cast<double>(live);
    const double raised = std::ceil(base / selectivity);
    return static_cast<int>(std::clamp(raised, static_cast<double>(base), static_cast<double>(std::max(base, kMaxFilteredEfSearch))));
}

bool FaissVectorIndex::scan_exactly(std::size_t allowed, int filtered_ef) const {
    if (allowed < spec_.exact_filter_threshold || !index_->is_trained || !uses_ef_search()) return true;
    // A graph walk expands about ef_search nodes and scores up to 2m neighbours of each; a scan
    // scores each allowed vector once, reading them in order.
    const auto graph_cost = static_cast<std::size_t>(filtered_ef) * 2 * static_cast<std::size_t>(spec_.m);
    return spec_.exact_filter_by_cost && allowed <= graph_cost;
}

DenseResult FaissVectorIndex::search(const DenseQuery& query) const {
    validate_vector(query.vector, spec_.dimension, spec_.metric);
    std::vector<float> q(spec_.dimension);
    prepare_vector(query.vector, spec_.metric, q.data());
    const int ef = query.ef_search > 0 ? query.ef_search : spec_.ef_search;
    const std::size_t live = slots_.live_count();

    if (query.allowed != nullptr) {
        const std::size_t allowed = slots_.count_allowed(*query.allowed);
        DenseResult result;
        if (allowed == 0 || query.k == 0) {
            result.exact = true;
        } else if (const int filtered_ef = uses_ef_search() ? filtered_ef_search(ef, query.k, allowed, live) : 0;
                   scan_exactly(allowed, filtered_ef)) {
            const auto slots = slots_.allowed_live_slots(*query.allowed);
            result = exact_search(q.data(), slots, query.k);
        } else {
            const AllowedSlotSelector selector(slots_.live(), slots_.slot_to_doc().data(), *query.allowed);
            result = faiss_search_hits(q.data(), std::min(query.k, allowed), &selector, filtered_ef);
        }
        result.allowed_count = allowed;
        return result;
    }
    if (live == 0 || query.k == 0) return {};
    if (!index_->is_trained) return exact_search(q.data(), slots_.live_slots(), query.k);
    if (slots_.dead_count() == 0) return faiss_search_hits(q.data(), std::min(query.k, live), nullptr, ef);
    const LiveSlotSelector selector(slots_.live());
    return faiss_search_hits(q.data(), std::min(query.k, live), &selector, ef);
}

DenseResult FaissVectorIndex::faiss_search_hits(const float* query, std::size_t k, const faiss::IDSelector* selector,
                                                int ef_search) const {
    std::vector<float> distances(k);
    std::vector<faiss::Index::idx_t> labels(k, -1);
    faiss_search(query, static_cast<faiss::Index::idx_t>(k), distances.data(), labels.data(), selector, ef_search);
    DenseResult result;
    result.ef_search = uses_ef_search() ? std::max(ef_search, static_cast<int>(k)) : 0;
    result.hits.reserve(k);
    for (std::size_t i = 0; i < k; ++i) {
        if (labels[i] < 0) break;
        const auto slot = static_cast<SlotMap::Slot>(labels[i]);
        result.hits.push_back({slots_.doc_of(slot), score_from_faiss(distances[i], spec_.metric)});
    }
    std::stable_sort(result.hits.begin(), result.hits.end(), RanksBefore{});
    return result;
}

DenseResult FaissVectorIndex::exact_search(const float* query, std::span<const std::uint32_t> slots,
                                           std::size_t k) const {
    std::unique_ptr<faiss::DistanceComputer> distance;
    if (index_->is_trained) {
        distance.reset(vector_storage().get_distance_computer());
    } else {
        distance = std::make_unique<FloatRowsDistance>(untrained_.data(), spec_.dimension, faiss_metric(spec_.metric));
    }
    distance->set_query(query);
    DenseResult result;
    result.exact = true;
    for (const SlotHit& hit : exact_scan(*distance, slots, k, spec_.metric)) {
        result.hits.push_back({slots_.doc_of(hit.slot), score_from_faiss(hit.distance, spec_.metric)});
    }
    std::stable_sort(result.hits.begin(), result.hits.end(), RanksBefore{});
    return result;
}

std::size_t FaissVectorIndex::memory_bytes() const {
    return sizeof(*this) + faiss_memory_bytes() + slots_.memory_bytes() + untrained_.capacity() * sizeof(float);
}

bool FaissVectorIndex::needs_rebuild() const {
    const std::size_t total = slots_.slot_count();
    if (total == 0 || slots_.dead_count() == 0) return false;
    return static_cast<double>(slots_.dead_count()) / static_cast<double>(total) > spec_.rebuild_dead_ratio;
}

// The live rows as stored (already normalized; for int8, the decoded codes, which an index
// trained identically encodes back to the same codes), and an empty index to put them in.
class FaissVectorIndex::Rebuild final : public PendingRebuild {
public:
    explicit Rebuild(const FaissVectorIndex& source) : target_(source.empty_like()) {
        const std::vector<SlotMap::Slot> live = source.slots_.live_slots();
        const std::size_t d = source.spec_.dimension;
        docs_.reserve(live.size());
        rows_.resize(live.size() * d);
        for (std::size_t i = 0; i < live.size(); ++i) {
            float* row = rows_.data() + i * d;
            if (source.index_->is_trained) {
                source.index_->reconstruct(static_cast<faiss::Index::idx_t>(live[i]), row);
            } else {
                std::copy_n(source.untrained_.data() + static_cast<std::size_t>(live[i]) * d, d, row);
            }
            docs_.push_back(source.slots_.doc_of(live[i]));
        }
    }

    std::unique_ptr<VectorIndex> build(int threads) override {
        const int previous = omp_get_max_threads();
        omp_set_num_threads(std::max(1, threads));  // this thread's FAISS parallel regions
        const std::size_t d = target_->spec_.dimension;
        try {
            for (std::size_t begin = 0; begin < docs_.size(); begin += kRebuildChunkRows) {
                const std::size_t count = std::min(docs_.size() - begin, kRebuildChunkRows);
                target_->add_prepared(std::span<const DocOrdinal>(docs_.data() + begin, count), rows_.data() + begin * d);
            }
        } catch (...) {
            omp_set_num_threads(previous);
            throw;
        }
        omp_set_num_threads(previous);
        return std::move(target_);
    }

private:
    std::unique_ptr<FaissVectorIndex> target_;
    std::vector<DocOrdinal> docs_;
    std::vector<float> rows_;
};

std::unique_ptr<PendingRebuild> FaissVectorIndex::begin_rebuild() const { return std::make_unique<Rebuild>(*this); }

std::unique_ptr<VectorIndex> FaissVectorIndex::rebuilt() const { return begin_rebuild()->build(omp_get_max_threads()); }

bool FaissVectorIndex::stored_vector(DocOrdinal doc, std::span<float> out) const {
    const auto slot = slots_.slot_of(doc);
    if (slot == SlotMap::kNoSlot || out.size() != spec_.dimension) return false;
    if (index_->is_trained) index_->reconstruct(static_cast<faiss::Index::idx_t>(slot), out.data());
    else std::copy_n(untrained_.data() + static_cast<std::size_t>(slot) * spec_.dimension, spec_.dimension, out.data());
    return true;
}

void FaissVectorIndex::remap(const OrdinalRemap& remap) {
    try {
        slots_.remap(remap);
    } catch (const std::invalid_argument& e) {
        throw Error(ErrorKind::internal, "internal", e.what());
    }
}

void FaissVectorIndex::restore(SlotMap slots, std::unique_ptr<faiss::Index> index, std::vector<float> untrained_vectors) {
    if (!index || !accepts(*index)) throw std::invalid_argument("the FAISS index is not of the configured type");
    if (static_cast<std::size_t>(index->d) != spec_.dimension) {
        throw std::invalid_argument("the FAISS index has dimension " + std::to_string(index->d) +
                                    " but the collection's dimension is " + std::to_string(spec_.dimension));
    }
    if (index->metric_type != faiss_metric(spec_.metric)) {
        throw std::invalid_argument(std::string("the FAISS index was built for another metric than ") +
                                    metric_name(spec_.metric));
    }
    const std::size_t expected_rows = index->is_trained ? 0 : slots.slot_count() * spec_.dimension;
    const std::size_t expected_ntotal = index->is_trained ? slots.slot_count() : 0;
    if (static_cast<std::size_t>(index->ntotal) != expected_ntotal || untrained_vectors.size() != expected_rows) {
        throw std::invalid_argument("the FAISS index holds " + std::to_string(index->ntotal) +
                                    " vectors but the id map has " + std::to_string(slots.slot_count()) + " slots");
    }
    slots_ = std::move(slots);
    index_ = adopt(std::move(index));
    untrained_ = std::move(untrained_vectors);
}

}  // namespace braid::dense
