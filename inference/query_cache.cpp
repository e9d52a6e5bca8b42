#include "inference/query_cache.hpp"

#include "inference/embedder.hpp"

namespace braid::inference {

std::optional<std::vector<float>> QueryCache::find(const std::string& text) {
    std::lock_guard lock(mutex_);
    const auto it = index_.find(text);
    if (it == index_.end()) {
        ++misses_;
        return std::nullopt;
    }
    ++hits_;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
}

void QueryCache::insert(const std::string& text, std::vector<float> vector) {
    if (capacity_ == 0) return;
    std::lock_guard lock(mutex_);
    if (const auto it = index_.find(text); it != index_.end()) {
        it->second->second = std::move(vector);
        entries_.splice(entries_.begin(), entries_, it->second);
        return;
    }
    entries_.emplace_front(text, std::move(vector));
    index_.emplace(text, entries_.begin());
    if (entries_.size() > capacity_) {
        index_.erase(entries_.back().first);
        entries_.pop_back();
    }
}

std::size_t QueryCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::size_t QueryCache::hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
}

std::size_t QueryCache::misses() const {
    std::lock_guard lock(mutex_);
    return misses_;
}

std::vector<float> embed_query(const Embedder& embedder, QueryCache& cache, const std::string& text) {
    if (auto hit = cache.find(text)) return std::move(*hit);
    auto vector = embedder.embed_one(text, EmbedRole::query);
    cache.insert(text, vector);
    return vector;
}

}  // namespace braid::inference
