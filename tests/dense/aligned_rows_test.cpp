// Rows on cache lines: AlignedRows, and KernelFlatStorage holding its rows there (FAISS's own
// `codes` empty) while FAISS still adds, reconstructs and writes them as a plain IndexFlat.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <typeinfo>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/index_io.h>

#include "dense/aligned_rows.hpp"
#include "dense/faiss_vector_index.hpp"
#include "dense/kernel_storage.hpp"
#include "dense/vector_index.hpp"
#include "dense_test_data.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

bool on_a_line(const float* p) { return reinterpret_cast<std::uintptr_t>(p) % 64 == 0; }

std::vector<float> counting(std::size_t count, float start) {
    std::vector<float> values(count);
    for (std::size_t i = 0; i < count; ++i) values[i] = start + static_cast<float>(i);
    return values;
}

}  // namespace

TEST_CASE("aligned rows start on a cache line and keep every value through growth", "[dense][aligned]") {
    AlignedRows rows;
    CHECK(rows.size() == 0);
    std::vector<float> expected;
    for (std::size_t batch = 1; batch <= 40; ++batch) {
        const std::vector<float> values = counting(batch * 3, static_cast<float>(expected.size()));
        rows.append(values.data(), values.size());
        expected.insert(expected.end(), values.begin(), values.end());
        REQUIRE(on_a_line(rows.data()));
        REQUIRE(rows.size() == expected.size());
        REQUIRE(rows.capacity_bytes() >= rows.size() * sizeof(float));
    }
    CHECK(std::vector<float>(rows.data(), rows.data() + rows.size()) == expected);
    rows.clear();
    CHECK(rows.size() == 0);
    CHECK(rows.capacity_bytes() == 0);
    const std::vector<float> again = counting(5, 7.0f);
    rows.append(again.data(), again.size());
    CHECK(on_a_line(rows.data()));
    CHECK(std::vector<float>(rows.data(), rows.data() + 5) == again);
}

TEST_CASE("the float storage keeps its rows on lines, FAISS's codes empty, and reconstructs them", "[dense][aligned]") {
    constexpr std::size_t kDim = 32;  // 128-byte rows: every row on a line
    KernelFlatStorage storage(kDim, faiss::METRIC_INNER_PRODUCT);
    const std::vector<float> first = counting(10 * kDim, 0.0f);
    const std::vector<float> second = counting(300 * kDim, 10.0f * kDim);
    storage.add(10, first.data());
    storage.add(300, second.data());
    CHECK(storage.ntotal == 310);
    CHECK(storage.codes.empty());
    for (std::size_t i = 0; i < 310; ++i) REQUIRE(on_a_line(storage.rows() + i * kDim));
    std::vector<float> row(kDim);
    storage.reconstruct(123, row.data());
    CHECK(row == counting(kDim, 123.0f * kDim));
    std::vector<float> three(3 * kDim);
    storage.reconstruct_n(308, 2, three.data());
    CHECK(std::vector<float>(three.begin(), three.begin() + 2 * kDim) == counting(2 * kDim, 308.0f * kDim));
    CHECK_THROWS(storage.reconstruct_n(309, 2, three.data()));

    // A plain IndexFlat read back by FAISS takes the same rows.
    faiss::IndexFlat plain(kDim, faiss::METRIC_INNER_PRODUCT);
    plain.add(310, storage.rows());
    const auto adopted = KernelFlatStorage::adopt(plain);
    CHECK(plain.ntotal == 0);
    CHECK(plain.codes.empty());
    CHECK(adopted->ntotal == 310);
    CHECK(on_a_line(adopted->rows()));
    CHECK(std::vector<float>(adopted->rows(), adopted->rows() + 310 * kDim) ==
          std::vector<float>(storage.rows(), storage.rows() + 310 * kDim));
    storage.reset();
    CHECK(storage.ntotal == 0);
    CHECK(storage.rows() == nullptr);
}

TEST_CASE("a saved float index holds every row in FAISS's file, and the storage's codes stay empty", "[dense][aligned][persistence]") {
    constexpr std::size_t kDim = 24;
    constexpr std::size_t kDocs = 500;
    const auto rows = clustered_vectors(kDocs, kDim, 10, 31);
    for (const IndexType type : {IndexType::hnsw, IndexType::flat}) {
        VectorIndexSpec spec;
        spec.dimension = kDim;
        spec.metric = Metric::l2;  // stored as given (cosine would normalize)
        spec.type = type;
        auto index = make_vector_index(spec);
        std::vector<DocOrdinal> docs(kDocs);
        for (std::size_t i = 0; i < kDocs; ++i) docs[i] = static_cast<DocOrdinal>(i);
        index->add_batch(docs, rows);
        test_support::TempDir dir("aligned-rows");
        index->save(dir.path());

        const auto& live = dynamic_cast<const FaissVectorIndex&>(*index).faiss_index();
        const faiss::Index* storage = &live;
        if (type == IndexType::hnsw) storage = dynamic_cast<const faiss::IndexHNSW&>(live).storage;
        const auto& kernel_storage = dynamic_cast<const KernelFlatStorage&>(*storage);
        CHECK(kernel_storage.codes.empty());
        CHECK(kernel_storage.codes.capacity() == 0);

        const std::unique_ptr<faiss::Index> on_disk(faiss::read_index((dir.path() / "vectors.faiss").c_str()));
        const faiss::Index* stored = on_disk.get();
        if (type == IndexType::hnsw) stored = dynamic_cast<const faiss::IndexHNSW&>(*on_disk).storage;
        const auto& flat = dynamic_cast<const faiss::IndexFlat&>(*stored);
        CHECK(typeid(flat) == typeid(faiss::IndexFlatL2));
        REQUIRE(flat.ntotal == static_cast<faiss::Index::idx_t>(kDocs));
        CHECK(std::vector<float>(flat.get_xb(), flat.get_xb() + kDocs * kDim) == rows);
    }
}
