#pragma once
// Query embeddings by text, least recently used evicted first. Thread-safe.
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace braid::inference {

class Embedder;

class QueryCache {
public:
    explicit QueryCache(std::size_t capacity = 10'000) : capacity_(capacity) {}

    std::optional<std::vector<float>> find(const std::string& text);
    void insert(const std::string& text, std::vector<float> vector);

    std::size_t size() const;
    std::size_t capacity() const { return capacity_; }
    std::size_t hits() const;
    std::size_t misses() const;

private:
    using Entry = std::pair<std::string, std::vector<float>>;
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
};

// The query embedding of `text`: from the cache, or embedded (query role) and remembered.
std::vector<float> embed_query(const Embedder& embedder, QueryCache& cache, const std::string& text);

}  // namespace braid::inference
