#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include <faiss/Index.h>
#include <faiss/impl/IDSelector.h>

#include "dense/slot_map.hpp"
#include "dense/vector_index.hpp"

namespace braid::dense {

// The part every FAISS-backed index shares: slot bookkeeping, validation, normalization, the
// choice between FAISS search and an exact scan under a filter, rebuilds. Subclasses say which
// FAISS index holds the vectors and how to search it.
class FaissVectorIndex : public VectorIndex {
public:
    // Vectors an untrained index (int8) collects before it trains its quantizer on them; until
    // then searches scan the collected float vectors exactly.
    static constexpr std::size_t kTrainingVectors = 2048;

    const VectorIndexSpec& spec() const override { return spec_; }
    void add(DocOrdinal doc, std::span<const float> vector) override;
    void add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) override;
    void remove(DocOrdinal doc) override { slots_.remove(doc); }
    bool contains(DocOrdinal doc) const override { return slots_.slot_of(doc) != SlotMap::kNoSlot; }
    bool stored_vector(DocOrdinal doc, std::span<float> out) const override;
    DenseResult search(const DenseQuery& query) const override;

    std::size_t size() const override { return slots_.live_count(); }
    std::size_t memory_bytes() const override;
    bool needs_rebuild() const override;
    std::unique_ptr<VectorIndex> rebuilt() const override;
    std::unique_ptr<PendingRebuild> begin_rebuild() const override;
    void save(const std::filesystem::path& dir) const override;
    void remap(const OrdinalRemap& remap) override;

    // Changes how filtered searches choose between exact scan and graph walk (a search-time setting; the
    // stored vectors do not depend on it). Needs exclusive access like any write.
    void set_filter_plan(std::size_t exact_filter_threshold, bool exact_filter_by_cost) {
        spec_.exact_filter_threshold = exact_filter_threshold;
        spec_.exact_filter_by_cost = exact_filter_by_cost;
    }

    // For persistence and diagnostics.
    std::size_t dead_count() const { return slots_.dead_count(); }
    const SlotMap& slots() const { return slots_; }
    const faiss::Index& faiss_index() const { return *index_; }
    const std::vector<float>& untrained_vectors() const { return untrained_; }
    // Replaces the whole state with what persistence read; throws std::invalid_argument when the
    // parts do not fit each other or the spec.
    void restore(SlotMap slots, std::unique_ptr<faiss::Index> index, std::vector<float> untrained_vectors);

    // ef_search for a filtered HNSW query: raised as the filter gets more selective, because a
    // graph walk that may only return 1 node in 100 needs to look at many more nodes.
    static int filtered_ef_search(int ef_search, std::size_t k, std::size_t allowed, std::size_t live);

protected:
    FaissVectorIndex(const VectorIndexSpec& spec, std::unique_ptr<faiss::Index> index);

    // A new, empty index of the same kind; trained like this one when training matters.
    virtual std::unique_ptr<FaissVectorIndex> empty_like() const = 0;
    // The FAISS search of one prepared query; `selector` may be null; `ef_search` is ignored by
    // indexes without a graph.
    virtual void faiss_search(const float* query, faiss::Index::idx_t k, float* distances,
                              faiss::Index::idx_t* labels, const faiss::IDSelector* selector,
                              int ef_search) const = 0;
    // The flat codes under the graph (or the index itself), for exact scans.
    virtual const faiss::Index& vector_storage() const = 0;
    // Bytes of the FAISS structures.
    virtual std::size_t faiss_memory_bytes() const = 0;
    // True when `index` is the kind of FAISS index this class manages.
    virtual bool accepts(const faiss::Index& index) const = 0;
    virtual bool uses_ef_search() const = 0;
    // Settles a FAISS index read from disk before it is used; may return a replacement (the
    // same vectors in the storage classes that compute distances with braid's kernels).
    virtual std::unique_ptr<faiss::Index> adopt(std::unique_ptr<faiss::Index> index) const { return index; }

    faiss::Index& mutable_faiss_index() { return *index_; }

private:
    class Rebuild;

    // Stores already validated and prepared (normalized) rows.
    void add_prepared(std::span<const DocOrdinal> docs, const float* rows);
    DenseResult exact_search(const float* query, std::span<const std::uint32_t> slots, std::size_t k) const;
    DenseResult faiss_search_hits(const float* query, std::size_t k, const faiss::IDSelector* selector,
                                  int ef_search) const;
    void train_on_collected();
    // The plan for a filter keeping `allowed` live documents: exact scan or filtered graph walk.
    bool scan_exactly(std::size_t allowed, int filtered_ef) const;

    VectorIndexSpec spec_;
    SlotMap slots_;
    std::unique_ptr<faiss::Index> index_;
    std::vector<float> untrained_;  // row per slot while the index is not trained
};

}  // namespace braid::dense
