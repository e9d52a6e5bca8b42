#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "core/bitset.hpp"
#include "core/doc_ordinal.hpp"
#include "core/ordinal_remap.hpp"
#include "core/scored_doc.hpp"

namespace braid::dense {

enum class Metric { cosine, dot, l2 };
enum class IndexType { hnsw, flat };
enum class Quantization { none, int8 };

struct VectorIndexSpec {
    std::size_t dimension = 0;
    Metric metric = Metric::cosine;
    IndexType type = IndexType::hnsw;
    int m = 32;
    int ef_construction = 200;
    int ef_search = 100;
    Quantization quantization = Quantization::none;
    double rebuild_dead_ratio = 0.2;
    // A filter keeping fewer live documents than this is searched by scanning them exactly.
    std::size_t exact_filter_threshold = 2000;
    // Also scan exactly when that costs fewer distance computations than the filtered graph walk
    // would (allowed <= filtered ef_search x 2m); false leaves the choice to the threshold alone.
    bool exact_filter_by_cost = true;
};

struct DenseQuery {
    std::span<const float> vector;
    std::size_t k = 10;
    int ef_search = 0;                 // 0: the spec's default
    const Bitset* allowed = nullptr;   // filter: only these ordinals may be returned
};

struct DenseResult {
    // Best first. score: cosine similarity, dot product, or negative L2 distance.
    std::vector<ScoredDoc> hits;
    bool exact = false;                // true when the filter was selective enough to scan exactly
    std::size_t allowed_count = 0;     // documents the filter kept (live), when a filter was given
    int ef_search = 0;                 // the ef_search actually used (HNSW)
};

// Throws braid::Error(invalid_argument, "invalid_vector") for a wrong dimension, NaN, infinity,
// or (under cosine) a zero vector; the message says which component is wrong.
void validate_vector(std::span<const float> vector, std::size_t dimension, Metric metric);

class VectorIndex;

// A rebuild in two steps, so that the slow one runs aside: VectorIndex::begin_rebuild() copies
// the live vectors (a read: the index must not change meanwhile), then build() makes the
// compacted index from that copy alone, while the source index may go on changing.
class PendingRebuild {
public:
    virtual ~PendingRebuild() = default;
    // Inserts the copied vectors on at most `threads` threads (the calling one among them).
    virtual std::unique_ptr<VectorIndex> build(int threads) = 0;
};

// A vector per document ordinal. Not internally synchronized: concurrent const calls are safe,
// writes need exclusive access.
class VectorIndex {
public:
    virtual ~VectorIndex() = default;

    virtual const VectorIndexSpec& spec() const = 0;
    // Adds (or replaces) the vector of `doc`; validates it first.
    virtual void add(DocOrdinal doc, std::span<const float> vector) = 0;
    // Adds (or replaces) many at once: row i of `vectors` (dimension floats) belongs to docs[i].
    // Validates every row before storing any; HNSW builds the batch in parallel.
    virtual void add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors);
    virtual void remove(DocOrdinal doc) = 0;  // no-op when absent
    virtual bool contains(DocOrdinal doc) const = 0;
    // The stored vector of `doc` into `out` (dimension floats): as added, except unit length
    // under cosine and quantized under int8. False when `doc` has no vector.
    virtual bool stored_vector(DocOrdinal doc, std::span<float> out) const = 0;
    virtual DenseResult search(const DenseQuery& query) const = 0;  // validates the query vector

    virtual std::size_t size() const = 0;           // live vectors
    virtual std::size_t memory_bytes() const = 0;
    // True when dead vectors passed spec().rebuild_dead_ratio.
    virtual bool needs_rebuild() const = 0;
    // A compacted copy holding only live vectors; const, so it may run beside searches.
    virtual std::unique_ptr<VectorIndex> rebuilt() const = 0;
    // The first step of rebuilt() (see PendingRebuild).
    virtual std::unique_ptr<PendingRebuild> begin_rebuild() const = 0;

    // Renumbers the documents by `remap` (ordinal compaction); the stored vectors do not move.
    // Throws, changing nothing, when `remap` drops a document that has a live vector.
    virtual void remap(const OrdinalRemap& remap) = 0;

    // Writes the FAISS index (faiss::write_index) and the id map into `dir`.
    virtual void save(const std::filesystem::path& dir) const = 0;
};

std::unique_ptr<VectorIndex> make_vector_index(const VectorIndexSpec& spec);
// Reads what save() wrote; throws braid::Error(io) naming the damaged file.
std::unique_ptr<VectorIndex> load_vector_index(const VectorIndexSpec& spec, const std::filesystem::path& dir);

}  // namespace braid::dense
