#include "dense/queued_vector_index.hpp"

#include <string>

#include "core/error.hpp"

namespace braid::dense {

namespace {

// Rows waiting at most: the writer waits beyond it, so the queue's memory stays bounded.
constexpr std::size_t kMaxQueuedRows = 65536;

}  // namespace

QueuedVectorIndex::QueuedVectorIndex(std::unique_ptr<VectorIndex> target)
    : spec_(target->spec()), target_(std::move(target)), worker_([this] { run(); }) {}

QueuedVectorIndex::~QueuedVectorIndex() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (worker_.joinable()) worker_.join();
}

std::unique_ptr<VectorIndex> QueuedVectorIndex::finish() {
    (void)applied();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
    return std::move(target_);
}

void QueuedVectorIndex::add(DocOrdinal doc, std::span<const float> vector) {
    validate_vector(vector, spec_.dimension, spec_.metric);
    enqueue(Write{{doc}, std::vector<float>(vector.begin(), vector.end()), kNoDoc, std::nullopt});
}

void QueuedVectorIndex::add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) {
    const std::size_t d = spec_.dimension;
    if (vectors.size() != docs.size() * d) {
        throw Error(ErrorKind::invalid_argument, "invalid_vector",
                    "batch has " + std::to_string(vectors.size()) + " floats for " + std::to_string(docs.size()) +
                        " documents of dimension " + std::to_string(d));
    }
    for (std::size_t i = 0; i < docs.size(); ++i) validate_vector(vectors.subspan(i * d, d), d, spec_.metric);
    if (docs.empty()) return;
    enqueue(Write{{docs.begin(), docs.end()}, {vectors.begin(), vectors.end()}, kNoDoc, std::nullopt});
}

void QueuedVectorIndex::remove(DocOrdinal doc) { enqueue(Write{{}, {}, doc, std::nullopt}); }

void QueuedVectorIndex::remap(const OrdinalRemap& remap) { enqueue(Write{{}, {}, kNoDoc, remap}); }

void QueuedVectorIndex::enqueue(Write write) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queued_rows_ < kMaxQueuedRows || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queued_rows_ += write.added.size();
    queue_.push_back(std::move(write));
    changed_.notify_all();
}

const VectorIndex& QueuedVectorIndex::applied() const {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (queue_.empty() && !applying_) || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    return *target_;
}

void QueuedVectorIndex::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return !queue_.empty() || stopping_; });
        if (queue_.empty()) return;  // stopping, nothing left
        // Every queued write at once; runs of adds become one batch.
        std::deque<Write> writes;
        writes.swap(queue_);
        applying_ = true;
        lock.unlock();
        std::exception_ptr failed;
        std::size_t rows_done = 0;
        try {
            for (std::size_t i = 0; i < writes.size();) {
                Write& first = writes[i];
                if (first.added.empty()) {
                    if (first.remap) target_->remap(*first.remap);
                    else target_->remove(first.removed);
                    ++i;
                    continue;
                }
                std::size_t end = i + 1;
                while (end < writes.size() && !writes[end].added.empty()) {
                    first.added.insert(first.added.end(), writes[end].added.begin(), writes[end].added.end());
                    first.rows.insert(first.rows.end(), writes[end].rows.begin(), writes[end].rows.end());
                    writes[end].rows = {};
                    ++end;
                }
                target_->add_batch(first.added, first.rows);
                rows_done += first.added.size();
                i = end;
            }
        } catch (...) {
            failed = std::current_exception();
        }
        lock.lock();
        applying_ = false;
        queued_rows_ = failed ? 0 : queued_rows_ - rows_done;
        if (failed && !failure_) failure_ = failed;
        if (failed) queue_.clear();
        changed_.notify_all();
    }
}

}  // namespace braid::dense
