#include <string>

#include "core/error.hpp"
#include "dense/flat_index.hpp"
#include "dense/hnsw_index.hpp"
#include "dense/vector_index.hpp"

namespace braid::dense {

namespace {

void check_spec(const VectorIndexSpec& spec) {
    const auto bad = [](const std::string& message) { return Error(ErrorKind::invalid_argument, "config_error", message); };
    if (spec.dimension == 0 || spec.dimension > 65536) throw bad("vector dimension must be between 1 and 65536");
    if (spec.type == IndexType::hnsw) {
        if (spec.m < 2 || spec.m > 512) throw bad("vector.index.m must be between 2 and 512");
        if (spec.ef_construction < 1) throw bad("vector.index.ef_construction must be positive");
        if (spec.ef_search < 1) throw bad("vector.index.ef_search must be positive");
    }
    if (spec.type == IndexType::flat && spec.quantization != Quantization::none) {
        throw bad("quantization is only supported with the hnsw index type");
    }
    if (!(spec.rebuild_dead_ratio >= 0.0 && spec.rebuild_dead_ratio <= 1.0)) {
        throw bad("rebuild_dead_ratio must be between 0 and 1");
    }
}

}  // namespace

void VectorIndex::add_batch(std::span<const DocOrdinal> docs, std::span<const float> vectors) {
    const std::size_t d = spec().dimension;
    for (std::size_t i = 0; i < docs.size(); ++i) add(docs[i], vectors.subspan(i * d, d));
}

std::unique_ptr<VectorIndex> make_vector_index(const VectorIndexSpec& spec) {
    check_spec(spec);
    if (spec.type == IndexType::flat) return std::make_unique<FlatVectorIndex>(spec);
    return std::make_unique<HnswVectorIndex>(spec);
}

}  // namespace braid::dense
