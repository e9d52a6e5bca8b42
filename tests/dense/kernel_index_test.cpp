// The indexes compute with braid's kernels end to end: HNSW (float and int8) recall and scores
// against the brute-force oracle written in the tests, the kernel storages in place after
// construction and after a load, and snapshots still written in FAISS's plain types.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <typeinfo>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexScalarQuantizer.h>
#include <faiss/index_io.h>

#include "dense/faiss_vector_index.hpp"
#include "dense/kernel_storage.hpp"
#include "dense/metric.hpp"
#include "dense/vector_index.hpp"
#include "dense_test_data.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

constexpr std::size_t kDocs = 3000;  // past FaissVectorIndex::kTrainingVectors: int8 is trained
constexpr std::size_t kDim = 61;     // a tail for every vector width
constexpr std::size_t kQueries = 100;

std::unique_ptr<VectorIndex> build(const VectorIndexSpec& spec, const std::vector<float>& rows) {
    auto index = make_vector_index(spec);
    std::vector<DocOrdinal> docs(kDocs);
    for (std::size_t i = 0; i < kDocs; ++i) docs[i] = static_cast<DocOrdinal>(i);
    index->add_batch(docs, rows);
    return index;
}

const faiss::Index& graph_storage(const VectorIndex& index) {
    const auto& faiss_index = dynamic_cast<const FaissVectorIndex&>(index).faiss_index();
    return *dynamic_cast<const faiss::IndexHNSW&>(faiss_index).storage;
}

struct RecallAndScores {
    double recall = 0;
    double worst_score_error = 0;  // |index score - oracle score| over returned hits
};

RecallAndScores against_oracle(const VectorIndex& index, const Oracle& oracle, const std::vector<float>& queries,
                               Metric metric) {
    RecallAndScores out;
    for (std::size_t q = 0; q < kQueries; ++q) {
        const auto query = row(queries, q, kDim);
        const auto hits = index.search({query, 10}).hits;
        out.recall += recall(hits, oracle.top(query, 10));
        for (const auto& hit : hits) {
            const double expected = oracle_score(query, oracle.docs().at(hit.doc), metric);
            out.worst_score_error = std::max(out.worst_score_error, std::fabs(double(hit.score) - expected));
        }
    }
    out.recall /= kQueries;
    return out;
}

}  // namespace

TEST_CASE("HNSW on the kernels: recall@10 and scores against the brute-force oracle", "[dense][kernels][recall]") {
    const auto rows = clustered_vectors(kDocs, kDim, 30, 91);
    const auto queries = clustered_vectors(kQueries, kDim, 30, 92);
    for (const Metric metric : {Metric::l2, Metric::cosine, Metric::dot}) {
        Oracle oracle(kDim, metric);
        for (std::size_t i = 0; i < kDocs; ++i) oracle.add(static_cast<DocOrdinal>(i), row(rows, i, kDim));
        VectorIndexSpec spec;
        spec.dimension = kDim;
        spec.metric = metric;
        if (metric == Metric::dot) spec.ef_search = 200;  // inner product needs a wider beam (recall_test.cpp)
        const auto hnsw = build(spec, rows);
        CHECK(dynamic_cast<const KernelFlatStorage*>(&graph_storage(*hnsw)) != nullptr);
        const auto measured = against_oracle(*hnsw, oracle, queries, metric);
        INFO(metric_name(metric) << " recall " << measured.recall << " worst score error " << measured.worst_score_error);
        CHECK(measured.recall >= 0.95);
        CHECK(measured.worst_score_error < 1e-3);

        spec.type = IndexType::flat;
        const auto flat = build(spec, rows);
        const auto exact = against_oracle(*flat, oracle, queries, metric);
        INFO("flat recall " << exact.recall);
        CHECK(exact.recall == 1.0);
        CHECK(exact.worst_score_error < 1e-3);
    }
}

TEST_CASE("int8 HNSW on the kernels: recall@10 against the float brute-force oracle", "[dense][kernels][int8]") {
    const auto rows = clustered_vectors(kDocs, kDim, 30, 93);
    const auto queries = clustered_vectors(kQueries, kDim, 30, 94);
    for (const Metric metric : {Metric::l2, Metric::cosine}) {
        Oracle oracle(kDim, metric);
        for (std::size_t i = 0; i < kDocs; ++i) oracle.add(static_cast<DocOrdinal>(i), row(rows, i, kDim));
        VectorIndexSpec spec;
        spec.dimension = kDim;
        spec.metric = metric;
        spec.quantization = Quantization::int8;
        const auto int8 = build(spec, rows);
        CHECK(dynamic_cast<const KernelInt8Storage*>(&graph_storage(*int8)) != nullptr);
        const auto measured = against_oracle(*int8, oracle, queries, metric);
        INFO(metric_name(metric) << " int8 recall " << measured.recall << " worst score error " << measured.worst_score_error);
        CHECK(measured.recall >= 0.9);
        // Quantization error, not arithmetic error: a step of 1/255 of each dimension's range.
        CHECK(measured.worst_score_error < (metric == Metric::l2 ? 0.5 : 0.02));
    }
}

TEST_CASE("int8 distances through the kernels equal FAISS's own scalar quantizer", "[dense][kernels][int8]") {
    const auto rows = clustered_vectors(kDocs, kDim, 30, 95);
    for (const faiss::MetricType metric : {faiss::METRIC_L2, faiss::METRIC_INNER_PRODUCT}) {
        KernelInt8Storage ours(static_cast<int>(kDim), metric);
        ours.train(static_cast<faiss::Index::idx_t>(kDocs), rows.data());
        ours.add(static_cast<faiss::Index::idx_t>(kDocs), rows.data());
        const std::unique_ptr<faiss::DistanceComputer> kernel(ours.get_distance_computer());
        const std::unique_ptr<faiss::DistanceComputer> reference(ours.faiss::IndexScalarQuantizer::get_distance_computer());
        REQUIRE(dynamic_cast<Int8RowsDistance*>(kernel.get()) != nullptr);
        kernel->set_query(rows.data() + 7 * kDim);
        reference->set_query(rows.data() + 7 * kDim);
        for (faiss::Index::idx_t i = 0; i < 200; ++i) {
            INFO("row " << i);
            CHECK((*kernel)(i) == Approx((*reference)(i)).epsilon(1e-4).margin(1e-4));
            CHECK(kernel->symmetric_dis(i, i + 1) == Approx(reference->symmetric_dis(i, i + 1)).epsilon(1e-4).margin(1e-4));
        }
    }
}

TEST_CASE("snapshots stay in FAISS's plain types and load back onto the kernels", "[dense][kernels][persistence]") {
    const auto rows = clustered_vectors(kDocs, kDim, 30, 96);
    const auto queries = clustered_vectors(10, kDim, 30, 97);
    for (const Quantization quantization : {Quantization::none, Quantization::int8}) {
        for (const IndexType type : {IndexType::hnsw, IndexType::flat}) {
            if (type == IndexType::flat && quantization == Quantization::int8) continue;
            VectorIndexSpec spec;
            spec.dimension = kDim;
            spec.metric = Metric::cosine;
            spec.type = type;
            spec.quantization = quantization;
            const auto index = build(spec, rows);
            test_support::TempDir dir("kernel-snapshot");
            index->save(dir.path());

            // What an older braid wrote and reads: the standard FAISS classes.
            const std::unique_ptr<faiss::Index> on_disk(faiss::read_index((dir.path() / "vectors.faiss").c_str()));
            const faiss::Index* stored = on_disk.get();
            if (type == IndexType::hnsw) stored = dynamic_cast<const faiss::IndexHNSW&>(*on_disk).storage;
            if (quantization == Quantization::int8) {
                CHECK(typeid(*stored) == typeid(faiss::IndexScalarQuantizer));
            } else {
                CHECK(typeid(*stored) == typeid(faiss::IndexFlatIP));  // "IxFI", as before the kernels
            }

            const auto loaded = load_vector_index(spec, dir.path());
            const faiss::Index& live = type == IndexType::hnsw
                                           ? graph_storage(*loaded)
                                           : dynamic_cast<const FaissVectorIndex&>(*loaded).faiss_index();
            if (quantization == Quantization::int8) {
                CHECK(dynamic_cast<const KernelInt8Storage*>(&live) != nullptr);
            } else {
                CHECK(dynamic_cast<const KernelFlatStorage*>(&live) != nullptr);
            }
            for (std::size_t q = 0; q < 10; ++q) {
                CHECK(loaded->search({row(queries, q, kDim), 10}).hits == index->search({row(queries, q, kDim), 10}).hits);
            }
        }
    }
}
