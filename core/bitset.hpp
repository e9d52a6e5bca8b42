#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace braid {

// Growable set of small integers (document ordinals).
class Bitset {
public:
    Bitset() = default;
    explicit Bitset(std::size_t size) : size_(size), words_((size + 63) / 64, 0) {}

    std::size_t size() const { return size_; }
    void resize(std::size_t size) {
        size_ = size;
        words_.resize((size + 63) / 64, 0);
        if (size % 64) words_.back() &= (std::uint64_t{1} << (size % 64)) - 1;
    }

    bool test(std::size_t i) const { return i < size_ && (words_[i >> 6] >> (i & 63)) & 1U; }
    void set(std::size_t i) {
        if (i >= size_) resize(i + 1);
        words_[i >> 6] |= std::uint64_t{1} << (i & 63);
    }
    void reset(std::size_t i) {
        if (i < size_) words_[i >> 6] &= ~(std::uint64_t{1} << (i & 63));
    }
    std::size_t count() const {
        std::size_t n = 0;
        for (auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
        return n;
    }
    void set_all() {
        for (auto& w : words_) w = ~std::uint64_t{0};
        resize(size_);
    }
    Bitset& operator&=(const Bitset& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= i < o.words_.size() ? o.words_[i] : 0;
        return *this;
    }
    Bitset& operator|=(const Bitset& o) {
        if (o.size_ > size_) resize(o.size_);
        for (std::size_t i = 0; i < o.words_.size(); ++i) words_[i] |= o.words_[i];
        return *this;
    }
    const std::vector<std::uint64_t>& words() const { return words_; }
    std::size_t memory_bytes() const { return words_.capacity() * sizeof(std::uint64_t); }

private:
    std::size_t size_ = 0;
    std::vector<std::uint64_t> words_;
};

}  // namespace braid
