#pragma once
// Data for bench_dense: clustered Gaussian vectors and the SciFact LSA embeddings.
#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "eval/beir_files.hpp"

namespace braid::bench {

struct VectorSet {
    std::size_t dimension = 0;
    std::vector<float> rows;          // row-major
    std::vector<std::string> ids;     // empty for synthetic data
    std::size_t size() const { return dimension == 0 ? 0 : rows.size() / dimension; }
    const float* row(std::size_t i) const { return rows.data() + i * dimension; }
};

// `n` rows around `clusters` centres (N(0,1) each), with N(0, spread) noise; fixed by `seed`.
inline VectorSet clustered_gaussian(std::size_t n, std::size_t dimension, std::size_t clusters, float spread,
                                    unsigned seed) {
    std::mt19937_64 centre_rng(12345);  // same centres for corpus and queries
    std::normal_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> centres(clusters * dimension);
    for (auto& c : centres) c = unit(centre_rng);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, clusters - 1);
    VectorSet set;
    set.dimension = dimension;
    set.rows.resize(n * dimension);
    for (std::size_t i = 0; i < n; ++i) {
        const float* centre = centres.data() + pick(rng) * dimension;
        for (std::size_t j = 0; j < dimension; ++j) set.rows[i * dimension + j] = centre[j] + spread * unit(rng);
    }
    return set;
}

// SciFact's vectors as eval/ reads them (corpus.lsa256.jsonl, queries.lsa256.jsonl).
inline VectorSet read_embeddings_jsonl(const std::string& path) {
    eval::Embeddings embeddings = eval::load_embeddings(path);
    VectorSet set;
    set.dimension = embeddings.dimension;
    set.rows = std::move(embeddings.rows);
    set.ids = std::move(embeddings.ids);
    return set;
}

}  // namespace braid::bench
