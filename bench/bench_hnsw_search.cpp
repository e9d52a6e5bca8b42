// HNSW query cost alone, as the server's dense and hybrid modes pay it: braid's VectorIndex over
// SciFact's 256-d vectors (cosine, M=32, efConstruction=200, built on one thread so every build
// is the same graph), each query one VectorIndex::search call on one thread, at k=10 and k=100
// (a hybrid window of 100) with ef_search 100.
//   build/bench/bench_hnsw_search [--scifact DIR] [--repeats 7] [--ef 100] [--k 10,100] [--dump FILE]
//                                 [--metric cosine|dot|l2] [--int8] [--filter-half]
// --int8 stores 8-bit codes; --filter-half lets only even ordinals be results (a graph walk with a
// selector: 2,592 allowed is above the exact-scan threshold).
// --dump writes every query's ids and scores (bit-exact, as hex floats), so two builds of braid
// can be shown to return the very same results on the same graph: `cmp` the two files.
// Timing is the calling thread's CPU time (the machine is shared): median q/s over the passes.
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "core/bitset.hpp"
#include "dense/distance_kernels.hpp"
#include "dense/metric.hpp"
#include "dense/vector_index.hpp"
#include "dense_bench_data.hpp"

using namespace braid;
using namespace braid::bench;

namespace {

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

std::vector<std::size_t> parse_list(const std::string& text) {
    std::vector<std::size_t> values;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) values.push_back(std::stoul(item));
    return values;
}

}  // namespace

int main(int argc, char** argv) {
    std::string scifact_dir = BRAID_SOURCE_DIR "/../shared/datasets/scifact";
    int repeats = 7;
    int ef = 100;
    std::vector<std::size_t> ks{10, 100};
    std::string dump_path;
    dense::Metric metric = dense::Metric::cosine;
    bool int8 = false;
    bool filter_half = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--scifact") scifact_dir = next();
        else if (arg == "--repeats") repeats = std::stoi(next());
        else if (arg == "--ef") ef = std::stoi(next());
        else if (arg == "--k") ks = parse_list(next());
        else if (arg == "--dump") dump_path = next();
        else if (arg == "--int8") int8 = true;
        else if (arg == "--filter-half") filter_half = true;
        else if (arg == "--metric") {
            const std::string name = next();
            metric = name == "l2" ? dense::Metric::l2 : name == "dot" ? dense::Metric::dot : dense::Metric::cosine;
        }
        else {
            std::fprintf(stderr, "bench_hnsw_search: unknown option %s\n", arg.c_str());
            return 2;
        }
    }

    const VectorSet corpus = read_embeddings_jsonl(scifact_dir + "/corpus.lsa256.jsonl");
    const VectorSet queries = read_embeddings_jsonl(scifact_dir + "/queries.lsa256.jsonl");
    omp_set_num_threads(1);  // one thread: the same graph on every run
    dense::VectorIndexSpec spec;
    spec.dimension = corpus.dimension;
    spec.metric = metric;
    if (int8) spec.quantization = dense::Quantization::int8;
    spec.exact_filter_by_cost = false;  // --filter-half: always the graph walk
    spec.m = 32;
    spec.ef_construction = 200;
    spec.ef_search = ef;
    auto index = dense::make_vector_index(spec);
    std::vector<DocOrdinal> docs(corpus.size());
    for (std::size_t i = 0; i < docs.size(); ++i) docs[i] = static_cast<DocOrdinal>(i);
    index->add_batch(docs, corpus.rows);
    Bitset even(corpus.size());
    for (std::size_t i = 0; i < corpus.size(); i += 2) even.set(i);
    const Bitset* allowed = filter_half ? &even : nullptr;
    std::printf("SciFact %zu vectors %zu-d, %zu queries, %s%s%s M=32 efC=200, ef_search %d, kernels %s, %d passes\n",
                corpus.size(), corpus.dimension, queries.size(), dense::metric_name(metric), int8 ? " int8" : "",
                filter_half ? " even ordinals only" : "", ef,
                dense::kernel_level_name(dense::best_supported_kernel_level()), repeats);

    std::ofstream dump;
    if (!dump_path.empty()) dump.open(dump_path);
    for (const std::size_t k : ks) {
        std::vector<double> rates;
        for (int r = 0; r < repeats; ++r) {
            const double start = thread_cpu_seconds();
            for (std::size_t q = 0; q < queries.size(); ++q) {
                const dense::DenseQuery query{std::span<const float>(queries.row(q), queries.dimension), k, ef, allowed};
                const dense::DenseResult result = index->search(query);
                if (r == 0 && dump.is_open()) {
                    dump << "k " << k << " q " << q << ':';
                    char score[32];
                    for (const auto& hit : result.hits) {
                        std::snprintf(score, sizeof score, "%a", static_cast<double>(hit.score));
                        dump << ' ' << hit.doc << '=' << score;
                    }
                    dump << '\n';
                }
            }
            rates.push_back(double(queries.size()) / (thread_cpu_seconds() - start));
        }
        std::sort(rates.begin(), rates.end());
        std::printf("k=%-4zu ef=%d  median %8.0f q/s  (min %.0f, max %.0f)  %.1f us/query\n", k, ef,
                    rates[rates.size() / 2], rates.front(), rates.back(), 1e6 / rates[rates.size() / 2]);
    }
    return 0;
}
