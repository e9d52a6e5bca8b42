#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/impl/DistanceComputer.h>

#include "dense/aligned_rows.hpp"
#include "dense/distance_kernels.hpp"

namespace braid::dense {

// Distances from a query (or between two rows) over float rows, through braid's kernels. FAISS
// conventions: inner product as a similarity, L2 as a squared distance.
class FloatRowsDistance final : public faiss::FlatCodesDistanceComputer {
public:
    FloatRowsDistance(const float* rows, std::size_t dimension, faiss::MetricType metric,
                      const DistanceKernels& kernels = active_kernels());
    void set_query(const float* query) override { query_ = query; }
    float distance_to_code(const std::uint8_t* code) override {
        return distance_(query_, reinterpret_cast<const float*>(code), dimension_);
    }
    float symmetric_dis(idx_t i, idx_t j) override;

private:
    const float* rows_;
    std::size_t dimension_;
    float (*distance_)(const float*, const float*, std::size_t);
    const float* query_ = nullptr;
};

// Distances from a float query to 8-bit scalar quantized rows (FAISS QT_8bit: per dimension,
// value = vmin + (code + 0.5) / 255 * vdiff). The query is folded with the ranges once in
// set_query, so each row costs one pass of a u8 kernel.
class Int8RowsDistance final : public faiss::FlatCodesDistanceComputer {
public:
    Int8RowsDistance(const std::uint8_t* codes, std::size_t dimension, const float* vmin, const float* vdiff,
                     faiss::MetricType metric, const DistanceKernels& kernels = active_kernels());
    void set_query(const float* query) override;
    float distance_to_code(const std::uint8_t* code) override;
    float symmetric_dis(idx_t i, idx_t j) override;

private:
    void decode(const std::uint8_t* code, float* out) const;

    std::size_t dimension_;
    const float* vmin_;
    bool inner_product_;
    const DistanceKernels& kernels_;
    std::vector<float> step_;      // vdiff / 255
    std::vector<float> folded_;    // IP: query * step; L2: query - vmin - step / 2
    float bias_ = 0.0f;            // IP: the part of the dot product that does not depend on the code
    std::vector<float> decoded_a_, decoded_b_;
};

// faiss::IndexFlat whose distance computer (used by HNSW construction and search) and search
// (exact scans) run on braid's kernels, over rows held on cache lines (AlignedRows) instead of
// FAISS's `codes`, which stays empty: everything FAISS does with the rows here (add, reset,
// reconstruct, distances) goes through the overrides below. FAISS writes it as a plain IndexFlat
// (write_faiss_index).
class KernelFlatStorage final : public faiss::IndexFlat {
public:
    KernelFlatStorage(idx_t dimension, faiss::MetricType metric) : faiss::IndexFlat(dimension, metric) {}
    // Takes the rows of a standard IndexFlat (as faiss::read_index returns it); `rows` is left empty.
    static std::unique_ptr<KernelFlatStorage> adopt(faiss::IndexFlat& rows);

    // Row i at rows() + i * d, the first on a 64-byte boundary (so is every row when d * 4 is a
    // multiple of 64). Use this, not get_xb(): FAISS's `codes` is empty.
    const float* rows() const { return rows_.data(); }
    std::size_t rows_capacity_bytes() const { return rows_.capacity_bytes(); }

    void add(idx_t n, const float* x) override;
    void reset() override;
    void reconstruct(idx_t key, float* recons) const override;
    void reconstruct_n(idx_t i0, idx_t ni, float* recons) const override;
    std::size_t remove_ids(const faiss::IDSelector& sel) override;  // throws: braid never removes rows
    void range_search(idx_t n, const float* x, float radius, faiss::RangeSearchResult* result,
                      const faiss::SearchParameters* params = nullptr) const override;  // throws
    void merge_from(faiss::Index& other, idx_t add_id = 0) override;                     // throws

    faiss::FlatCodesDistanceComputer* get_FlatCodesDistanceComputer() const override;
    void search(idx_t n, const float* x, idx_t k, float* distances, idx_t* labels,
                const faiss::SearchParameters* params = nullptr) const override;

    // faiss::write_index(&whole) for an index that is, or holds, this storage: FAISS's writer
    // reads `codes`, so it is filled from the rows for the write (a second copy of the rows for
    // that long) and emptied again. One write at a time; searches may run meanwhile.
    void write_faiss_index(const faiss::Index& whole, const char* path) const;

private:
    AlignedRows rows_;
    mutable std::mutex writing_;
};

// faiss::IndexScalarQuantizer whose QT_8bit distance computer runs on braid's kernels (other
// quantizer types keep FAISS's). FAISS writes it as a plain IndexScalarQuantizer.
class KernelInt8Storage final : public faiss::IndexScalarQuantizer {
public:
    KernelInt8Storage(int dimension, faiss::MetricType metric)
        : faiss::IndexScalarQuantizer(dimension, faiss::ScalarQuantizer::QT_8bit, metric) {}
    static std::unique_ptr<KernelInt8Storage> adopt(faiss::IndexScalarQuantizer& codes);

    faiss::FlatCodesDistanceComputer* get_FlatCodesDistanceComputer() const override;
};

}  // namespace braid::dense
