#include "dense/aligned_rows.hpp"

#include <algorithm>
#include <new>

namespace braid::dense {

void AlignedRows::reserve(std::size_t count) {
    if (count <= capacity_) return;
    constexpr std::size_t per_line = kAlignment / sizeof(float);
    const std::size_t rounded = (count + per_line - 1) / per_line * per_line;  // aligned_alloc wants whole lines
    auto* grown = static_cast<float*>(std::aligned_alloc(kAlignment, rounded * sizeof(float)));
    if (grown == nullptr) throw std::bad_alloc();
    std::copy_n(data_.get(), size_, grown);
    data_.reset(grown);
    capacity_ = rounded;
}

void AlignedRows::append(const float* values, std::size_t count) {
    if (size_ + count > capacity_) reserve(std::max(size_ + count, 2 * capacity_));
    std::copy_n(values, count, data_.get() + size_);
    size_ += count;
}

void AlignedRows::clear() {
    data_.reset();
    size_ = 0;
    capacity_ = 0;
}

}  // namespace braid::dense
