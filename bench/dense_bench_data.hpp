#pragma once
// Data for bench_dense: clustered Gaussian vectors and the SciFact LSA embeddings with qrels.
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

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

// Reads "_id" and "embedding" of each JSON line (flat objects as the dataset writes them).
inline VectorSet read_embeddings_jsonl(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    VectorSet set;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto id_key = line.find("\"_id\": \"");
        const auto emb_key = line.rfind("\"embedding\": [");
        if (id_key == std::string::npos || emb_key == std::string::npos) throw std::runtime_error("bad line in " + path);
        const auto id_begin = id_key + 8;
        set.ids.push_back(line.substr(id_begin, line.find('"', id_begin) - id_begin));
        const char* p = line.c_str() + emb_key + 14;
        std::size_t count = 0;
        while (*p != ']') {
            char* end = nullptr;
            set.rows.push_back(std::strtof(p, &end));
            if (end == p) throw std::runtime_error("bad number in " + path);
            ++count;
            p = end;
            while (*p == ',' || *p == ' ') ++p;
        }
        if (set.dimension == 0) set.dimension = count;
        if (count != set.dimension) throw std::runtime_error("ragged embeddings in " + path);
    }
    return set;
}

// query id -> relevant corpus ids (graded relevance; SciFact's are all 1).
using Qrels = std::map<std::string, std::map<std::string, int>>;

inline Qrels read_qrels(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    Qrels qrels;
    std::string query, doc;
    int score = 0;
    std::string header;
    std::getline(in, header);
    while (in >> query >> doc >> score) qrels[query][doc] = score;
    return qrels;
}

}  // namespace braid::bench
