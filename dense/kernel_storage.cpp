#include "dense/kernel_storage.hpp"

#include <algorithm>
#include <vector>

#include <faiss/impl/FaissAssert.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/index_io.h>
#include <faiss/utils/Heap.h>

namespace braid::dense {

namespace {

template <typename Heap>
void scan_rows(const float* rows, faiss::Index::idx_t count, std::size_t d, const float* query,
               float (*distance)(const float*, const float*, std::size_t), faiss::Index::idx_t k, float* distances,
               faiss::Index::idx_t* labels, const faiss::IDSelector* selector) {
    faiss::heap_heapify<Heap>(static_cast<std::size_t>(k), distances, labels);
    for (faiss::Index::idx_t i = 0; i < count; ++i) {
        if (selector != nullptr && !selector->is_member(i)) continue;
        const float dis = distance(query, rows + static_cast<std::size_t>(i) * d, d);
        if (Heap::cmp(distances[0], dis)) faiss::heap_replace_top<Heap>(static_cast<std::size_t>(k), distances, labels, dis, i);
    }
    faiss::heap_reorder<Heap>(static_cast<std::size_t>(k), distances, labels);
}

}  // namespace

FloatRowsDistance::FloatRowsDistance(const float* rows, std::size_t dimension, faiss::MetricType metric,
                                     const DistanceKernels& kernels)
    : faiss::FlatCodesDistanceComputer(reinterpret_cast<const std::uint8_t*>(rows), dimension * sizeof(float)),
      rows_(rows),
      dimension_(dimension),
      distance_(metric == faiss::METRIC_INNER_PRODUCT ? kernels.inner_product : kernels.l2_squared) {}

float FloatRowsDistance::symmetric_dis(idx_t i, idx_t j) {
    return distance_(rows_ + static_cast<std::size_t>(i) * dimension_, rows_ + static_cast<std::size_t>(j) * dimension_,
                     dimension_);
}

Int8RowsDistance::Int8RowsDistance(const std::uint8_t* codes, std::size_t dimension, const float* vmin,
                                   const float* vdiff, faiss::MetricType metric, const DistanceKernels& kernels)
    : faiss::FlatCodesDistanceComputer(codes, dimension),
      dimension_(dimension),
      vmin_(vmin),
      inner_product_(metric == faiss::METRIC_INNER_PRODUCT),
      kernels_(kernels),
      step_(dimension),
      folded_(dimension),
      decoded_a_(dimension),
      decoded_b_(dimension) {
    for (std::size_t i = 0; i < dimension; ++i) step_[i] = vdiff[i] / 255.0f;
}

void Int8RowsDistance::set_query(const float* query) {
    if (inner_product_) {
        double bias = 0.0;
        for (std::size_t i = 0; i < dimension_; ++i) {
            folded_[i] = query[i] * step_[i];
            bias += static_cast<double>(query[i]) * (vmin_[i] + 0.5f * step_[i]);
        }
        bias_ = static_cast<float>(bias);
    } else {
        for (std::size_t i = 0; i < dimension_; ++i) folded_[i] = query[i] - vmin_[i] - 0.5f * step_[i];
    }
}

float Int8RowsDistance::distance_to_code(const std::uint8_t* code) {
    if (inner_product_) return bias_ + kernels_.u8_inner_product(folded_.data(), code, dimension_);
    return kernels_.u8_l2_squared(folded_.data(), step_.data(), code, dimension_);
}

void Int8RowsDistance::decode(const std::uint8_t* code, float* out) const {
    for (std::size_t i = 0; i < dimension_; ++i) out[i] = vmin_[i] + (static_cast<float>(code[i]) + 0.5f) * step_[i];
}

float Int8RowsDistance::symmetric_dis(idx_t i, idx_t j) {
    decode(codes + static_cast<std::size_t>(i) * code_size, decoded_a_.data());
    decode(codes + static_cast<std::size_t>(j) * code_size, decoded_b_.data());
    return inner_product_ ? kernels_.inner_product(decoded_a_.data(), decoded_b_.data(), dimension_)
                          : kernels_.l2_squared(decoded_a_.data(), decoded_b_.data(), dimension_);
}

std::unique_ptr<KernelFlatStorage> KernelFlatStorage::adopt(faiss::IndexFlat& rows) {
    auto storage = std::make_unique<KernelFlatStorage>(rows.d, rows.metric_type);
    storage->metric_arg = rows.metric_arg;
    storage->add(rows.ntotal, rows.get_xb());
    rows.reset();
    rows.codes.shrink_to_fit();
    return storage;
}

void KernelFlatStorage::add(idx_t n, const float* x) {
    if (n <= 0) return;
    rows_.append(x, static_cast<std::size_t>(n) * static_cast<std::size_t>(d));
    ntotal += n;
}

void KernelFlatStorage::reset() {
    rows_.clear();
    ntotal = 0;
}

void KernelFlatStorage::reconstruct(idx_t key, float* recons) const { reconstruct_n(key, 1, recons); }

void KernelFlatStorage::reconstruct_n(idx_t i0, idx_t ni, float* recons) const {
    FAISS_THROW_IF_NOT(i0 >= 0 && ni >= 0 && i0 + ni <= ntotal);
    const auto dimension = static_cast<std::size_t>(d);
    std::copy_n(rows() + static_cast<std::size_t>(i0) * dimension, static_cast<std::size_t>(ni) * dimension, recons);
}

std::size_t KernelFlatStorage::remove_ids(const faiss::IDSelector&) {
    FAISS_THROW_MSG("KernelFlatStorage does not remove rows");
}

void KernelFlatStorage::range_search(idx_t, const float*, float, faiss::RangeSearchResult*,
                                     const faiss::SearchParameters*) const {
    FAISS_THROW_MSG("KernelFlatStorage has no range search");
}

void KernelFlatStorage::merge_from(faiss::Index&, idx_t) { FAISS_THROW_MSG("KernelFlatStorage does not merge"); }

void KernelFlatStorage::write_faiss_index(const faiss::Index& whole, const char* path) const {
    const std::lock_guard lock(writing_);
    // Only `codes` changes, which nothing but FAISS's writer reads here.
    auto& codes = const_cast<KernelFlatStorage*>(this)->codes;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(rows());
    codes.assign(bytes, bytes + rows_.size() * sizeof(float));
    try {
        faiss::write_index(&whole, path);
    } catch (...) {
        std::vector<std::uint8_t>().swap(codes);
        throw;
    }
    std::vector<std::uint8_t>().swap(codes);
}

faiss::FlatCodesDistanceComputer* KernelFlatStorage::get_FlatCodesDistanceComputer() const {
    return new FloatRowsDistance(rows(), static_cast<std::size_t>(d), metric_type);
}

void KernelFlatStorage::search(idx_t n, const float* x, idx_t k, float* distances, idx_t* labels,
                               const faiss::SearchParameters* params) const {
    const faiss::IDSelector* selector = params != nullptr ? params->sel : nullptr;
    const auto dimension = static_cast<std::size_t>(d);
    const DistanceKernels& kernels = active_kernels();
    for (idx_t q = 0; q < n; ++q) {
        const float* query = x + static_cast<std::size_t>(q) * dimension;
        float* out_distances = distances + q * k;
        idx_t* out_labels = labels + q * k;
        if (metric_type == faiss::METRIC_INNER_PRODUCT) {
            scan_rows<faiss::CMin<float, idx_t>>(rows(), ntotal, dimension, query, kernels.inner_product, k,
                                                 out_distances, out_labels, selector);
        } else {
            scan_rows<faiss::CMax<float, idx_t>>(rows(), ntotal, dimension, query, kernels.l2_squared, k,
                                                 out_distances, out_labels, selector);
        }
    }
}

std::unique_ptr<KernelInt8Storage> KernelInt8Storage::adopt(faiss::IndexScalarQuantizer& codes) {
    auto storage = std::make_unique<KernelInt8Storage>(static_cast<int>(codes.d), codes.metric_type);
    storage->sq = codes.sq;
    storage->code_size = codes.code_size;
    storage->codes = std::move(codes.codes);
    storage->ntotal = codes.ntotal;
    storage->is_trained = codes.is_trained;
    storage->metric_arg = codes.metric_arg;
    codes.codes.clear();
    codes.ntotal = 0;
    return storage;
}

faiss::FlatCodesDistanceComputer* KernelInt8Storage::get_FlatCodesDistanceComputer() const {
    const auto dimension = static_cast<std::size_t>(d);
    if (sq.qtype != faiss::ScalarQuantizer::QT_8bit || sq.trained.size() != 2 * dimension || code_size != dimension) {
        return faiss::IndexScalarQuantizer::get_FlatCodesDistanceComputer();
    }
    return new Int8RowsDistance(codes.data(), dimension, sq.trained.data(), sq.trained.data() + dimension, metric_type);
}

}  // namespace braid::dense
