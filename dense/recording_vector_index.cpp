#include "dense/recording_vector_index.hpp"

#include <utility>

namespace braid::dense {

void replay_write(const RecordedWrite& write, VectorIndex& index) {
    if (!write.added.empty()) index.add_batch(write.added, write.rows);
    else if (write.remap) index.remap(*write.remap);
    else index.remove(write.removed);
}

std::vector<RecordedWrite> RecordingVectorIndex::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(writes_, {});
}

void RecordingVectorIndex::record(RecordedWrite write) {
    std::lock_guard lock(mutex_);
    writes_.push_back(std::move(write));
}

// Each write is recorded only once the index took it: a refused write is not made again.
void RecordingVectorIndex::add(DocOrdinal doc, std::span<const float> vector) {
    index_->add(doc, vector);
    record(RecordedWrite{{doc}, {vector.begin(), vector.end()}, kNoDoc, std::nullopt});
}

void RecordingVectorIndex::add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) {
    index_->add_batch(docs, vectors);
    if (!docs.empty()) record(RecordedWrite{{docs.begin(), docs.end()}, {vectors.begin(), vectors.end()}, kNoDoc, std::nullopt});
}

void RecordingVectorIndex::remove(DocOrdinal doc) {
    index_->remove(doc);
    record(RecordedWrite{{}, {}, doc, std::nullopt});
}

void RecordingVectorIndex::remap(const OrdinalRemap& remap) {
    index_->remap(remap);
    record(RecordedWrite{{}, {}, kNoDoc, remap});
}

}  // namespace braid::dense
