#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "dense/vector_index.hpp"

namespace braid::dense {

// One write made to an index, kept to be made again to another index.
struct RecordedWrite {
    std::vector<DocOrdinal> added;  // with `rows` (as given to add, not yet normalized)
    std::vector<float> rows;
    DocOrdinal removed = kNoDoc;    // a removal when `added` is empty and there is no remap
    std::optional<OrdinalRemap> remap;
};

// Makes `write` to `index`.
void replay_write(const RecordedWrite& write, VectorIndex& index);

// Stands for an index while a rebuilt copy of it is made aside: every call goes to the index as
// usual (searches keep using it), and each write is also recorded, in order, for the copy to catch
// up on before it replaces the index. take() may be called from another thread than the writer's.
class RecordingVectorIndex final : public VectorIndex {
public:
    explicit RecordingVectorIndex(std::unique_ptr<VectorIndex> index) : index_(std::move(index)) {}

    // The writes recorded since the last call, oldest first.
    std::vector<RecordedWrite> take();
    // Hands the index back (when the rebuild is abandoned).
    std::unique_ptr<VectorIndex> release() { return std::move(index_); }

    const VectorIndexSpec& spec() const override { return index_->spec(); }
    void add(DocOrdinal doc, std::span<const float> vector) override;
    void add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) override;
    void remove(DocOrdinal doc) override;
    void remap(const OrdinalRemap& remap) override;

    bool contains(DocOrdinal doc) const override { return index_->contains(doc); }
    bool stored_vector(DocOrdinal doc, std::span<float> out) const override { return index_->stored_vector(doc, out); }
    DenseResult search(const DenseQuery& query) const override { return index_->search(query); }
    std::size_t size() const override { return index_->size(); }
    std::size_t memory_bytes() const override { return index_->memory_bytes(); }
    bool needs_rebuild() const override { return index_->needs_rebuild(); }
    std::unique_ptr<VectorIndex> rebuilt() const override { return index_->rebuilt(); }
    std::unique_ptr<PendingRebuild> begin_rebuild() const override { return index_->begin_rebuild(); }
    void save(const std::filesystem::path& dir) const override { index_->save(dir); }

private:
    void record(RecordedWrite write);

    std::unique_ptr<VectorIndex> index_;
    std::mutex mutex_;  // guards writes_
    std::vector<RecordedWrite> writes_;
};

}  // namespace braid::dense
