#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "dense/vector_index.hpp"

namespace braid::dense {

// Applies the writes made to it to another index on a background thread, in the order they were
// made, so that whoever makes them (log replay: parsing, lexical indexing) runs beside the HNSW
// insertions instead of waiting for each. Writes are validated when they are made, as the target
// would; consecutive adds are applied as one batch (FAISS builds a batch in parallel), so every
// add must be of a document without a vector (the collection's writes take fresh ordinals).
// Reads wait until every queued write is applied. Like any VectorIndex, one writer at a time.
class QueuedVectorIndex final : public VectorIndex {
public:
    explicit QueuedVectorIndex(std::unique_ptr<VectorIndex> target);
    ~QueuedVectorIndex() override;  // applies what is queued, then stops the thread
    QueuedVectorIndex(const QueuedVectorIndex&) = delete;
    QueuedVectorIndex& operator=(const QueuedVectorIndex&) = delete;

    // Applies every queued write and hands the index back; rethrows the first write that failed
    // (the index is then returned by nothing: the caller rebuilds it).
    std::unique_ptr<VectorIndex> finish();

    const VectorIndexSpec& spec() const override { return spec_; }
    void add(DocOrdinal doc, std::span<const float> vector) override;
    void add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) override;
    void remove(DocOrdinal doc) override;
    void remap(const OrdinalRemap& remap) override;

    bool contains(DocOrdinal doc) const override { return applied().contains(doc); }
    bool stored_vector(DocOrdinal doc, std::span<float> out) const override { return applied().stored_vector(doc, out); }
    DenseResult search(const DenseQuery& query) const override { return applied().search(query); }
    std::size_t size() const override { return applied().size(); }
    std::size_t memory_bytes() const override { return applied().memory_bytes(); }
    bool needs_rebuild() const override { return applied().needs_rebuild(); }
    std::unique_ptr<VectorIndex> rebuilt() const override { return applied().rebuilt(); }
    std::unique_ptr<PendingRebuild> begin_rebuild() const override { return applied().begin_rebuild(); }
    void save(const std::filesystem::path& dir) const override { applied().save(dir); }

private:
    struct Write {
        std::vector<DocOrdinal> added;  // with `rows`; else a removal (`removed`) or a remap
        std::vector<float> rows;
        DocOrdinal removed = kNoDoc;
        std::optional<OrdinalRemap> remap;
    };

    void enqueue(Write write);
    void run();
    // The target once every queued write is applied; rethrows a failed write.
    const VectorIndex& applied() const;

    const VectorIndexSpec spec_;
    std::unique_ptr<VectorIndex> target_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::deque<Write> queue_;
    std::size_t queued_rows_ = 0;
    bool applying_ = false;
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::thread worker_;
};

}  // namespace braid::dense
