#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

namespace braid::lexical {

// A growable array of trivially copyable values in 16 bytes (pointer, 32-bit size and capacity)
// that grows by 1.25x: an index holds one of these per term and field, most of them tiny, so
// std::vector's 24 bytes and doubling would cost more than the postings themselves.
template <class T>
class CompactArray {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    CompactArray() = default;
    CompactArray(const T* data, std::size_t n) { append(data, n); }
    CompactArray(CompactArray&&) noexcept = default;
    CompactArray& operator=(CompactArray&&) noexcept = default;
    CompactArray(const CompactArray& o) : CompactArray(o.data(), o.size()) {}
    CompactArray& operator=(const CompactArray& o) {
        if (this != &o) {
            size_ = 0;
            append(o.data(), o.size());
        }
        return *this;
    }

    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    const T* data() const { return data_.get(); }
    const T& operator[](std::size_t i) const { return data_[i]; }
    const T& back() const { return data_[size_ - 1]; }
    std::span<const T> view() const { return {data_.get(), size_}; }

    void push_back(const T& v) {
        if (size_ == capacity_) reserve(capacity_ + capacity_ / 4 + 4);
        data_[size_++] = v;
    }
    void append(const T* p, std::size_t n) {
        if (size_ + n > capacity_) reserve(std::max<std::size_t>(size_ + n, capacity_ + capacity_ / 4 + 4));
        if (n > 0) std::memcpy(data_.get() + size_, p, n * sizeof(T));
        size_ += static_cast<std::uint32_t>(n);
    }
    // Drops the values from n on (n <= size()).
    void truncate(std::size_t n) { size_ = static_cast<std::uint32_t>(n); }
    void shrink_to_fit() {
        if (capacity_ > size_) reallocate(size_);
    }

private:
    void reserve(std::size_t n) {
        if (n > capacity_) reallocate(n);
    }
    void reallocate(std::size_t n) {
        std::unique_ptr<T[]> fresh(n > 0 ? new T[n] : nullptr);
        if (size_ > 0) std::memcpy(fresh.get(), data_.get(), size_ * sizeof(T));
        data_ = std::move(fresh);
        capacity_ = static_cast<std::uint32_t>(n);
    }

    std::unique_ptr<T[]> data_;
    std::uint32_t size_ = 0;
    std::uint32_t capacity_ = 0;
};

}  // namespace braid::lexical
