// Dense retrieval benchmark: braid's VectorIndex beside raw FAISS (IndexHNSWFlat) and hnswlib
// (Debian's python3-hnswlib, through bench/hnswlib_peer.py), same M, efConstruction, data and
// queries, in one run.
//   build/bench/bench_dense [--n 1000000] [--queries 1000] [--filter-queries 200] [--repeats 3]
//                           [--no-synthetic] [--no-scifact] [--no-int8] [--no-filter] [--no-hnswlib] [--no-raw]
//                           [--scifact DIR] [--python /usr/bin/python3]
// Query timing is single-threaded (omp_set_num_threads(1)), one query per call for braid and
// FAISS, as a server sees them; hnswlib answers each pass in one batched call on one thread (its
// best case). Builds use every core.
#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/utils/distances.h>

#include "core/bitset.hpp"
#include "dense/distance_kernels.hpp"
#include "dense/faiss_vector_index.hpp"
#include "dense/vector_index.hpp"
#include "dense_bench_data.hpp"
#include "dense_bench_stats.hpp"
#include "eval/metrics.hpp"
#include "eval/qrels.hpp"

using namespace braid;
using namespace braid::bench;
using faiss::Index;

namespace {

struct Options {
    std::size_t n = 1'000'000;
    std::size_t queries = 1000;
    std::size_t filter_queries = 200;
    int repeats = 3;
    bool synthetic = true;
    bool scifact = true;
    bool int8 = true;
    bool filter = true;
    bool hnswlib = true;
    bool raw = true;  // --no-raw: skip raw FAISS (at 1M its build costs more than braid's and hnswlib's together)
    std::string scifact_dir = BRAID_SOURCE_DIR "/../shared/datasets/scifact";  // beside the repository
    std::string python = "/usr/bin/python3";  // Debian's, where python3-hnswlib lives
    std::string hnswlib_script;
};

constexpr int kM = 32;
constexpr int kEfConstruction = 200;
constexpr std::size_t kK = 10;
const std::vector<int> kEfSweep{10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
const std::vector<double> kRecallTargets{0.90, 0.95, 0.99};

using Results = std::vector<std::vector<long>>;

// CPU seconds of this thread or process. The machine is shared (2 cores, several jobs), so
// queries/s and build times are taken from CPU time: the work done, not the wait for a core.
double cpu_seconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}
double thread_cpu_seconds() { return cpu_seconds(CLOCK_THREAD_CPUTIME_ID); }
double process_cpu_seconds() { return cpu_seconds(CLOCK_PROCESS_CPUTIME_ID); }

// Runs every query `repeats` times; recall from the first pass, queries/s as the median pass.
template <typename SearchOne>
SweepPoint timed_queries(int parameter, const VectorSet& queries, std::size_t count, const Results& truth,
                         int repeats, SearchOne&& search_one) {
    Results found(count);
    std::vector<double> rates;
    for (int r = 0; r < repeats; ++r) {
        const double start = thread_cpu_seconds();
        for (std::size_t q = 0; q < count; ++q) {
            auto ids = search_one(queries.row(q));
            if (r == 0) found[q] = std::move(ids);
        }
        rates.push_back(double(count) / (thread_cpu_seconds() - start));
    }
    return {parameter, mean_recall(found, truth, kK), median(rates)};
}

std::vector<long> raw_search(const faiss::IndexHNSWFlat& raw, const float* q, std::size_t k) {
    std::vector<float> d(k);
    std::vector<Index::idx_t> ids(k);
    raw.search(1, q, static_cast<Index::idx_t>(k), d.data(), ids.data());
    return {ids.begin(), ids.end()};
}

std::vector<long> ours_search(const dense::VectorIndex& ours, const float* q, std::size_t dimension, int ef,
                              const Bitset* allowed = nullptr) {
    dense::DenseQuery query{std::span<const float>(q, dimension), kK, ef, allowed};
    std::vector<long> ids;
    for (const auto& hit : ours.search(query).hits) ids.push_back(static_cast<long>(hit.doc));
    return ids;
}

Results exact_truth(const VectorSet& corpus, const VectorSet& queries, std::size_t count, faiss::MetricType metric) {
    faiss::IndexFlat flat(static_cast<Index::idx_t>(corpus.dimension), metric);
    flat.add(static_cast<Index::idx_t>(corpus.size()), corpus.rows.data());
    std::vector<float> d(count * kK);
    std::vector<Index::idx_t> ids(count * kK);
    flat.search(static_cast<Index::idx_t>(count), queries.rows.data(), kK, d.data(), ids.data());
    Results truth(count);
    for (std::size_t q = 0; q < count; ++q) truth[q].assign(ids.begin() + q * kK, ids.begin() + (q + 1) * kK);
    return truth;
}

std::size_t raw_memory_bytes(const faiss::IndexHNSWFlat& raw) {
    const auto& g = raw.hnsw;
    return dynamic_cast<const faiss::IndexFlat&>(*raw.storage).codes.capacity() +
           g.neighbors.capacity() * sizeof(faiss::HNSW::storage_idx_t) + g.levels.capacity() * sizeof(int) +
           g.offsets.capacity() * sizeof(std::size_t);
}

struct Built {
    std::unique_ptr<faiss::IndexHNSWFlat> raw;
    std::unique_ptr<dense::VectorIndex> ours;
    double raw_seconds = 0, ours_seconds = 0;          // wall
    double raw_cpu_seconds = 0, ours_cpu_seconds = 0;  // CPU, all threads
    std::size_t raw_rss = 0, ours_rss = 0;
};

std::unique_ptr<dense::VectorIndex> build_ours(const VectorSet& corpus, dense::VectorIndexSpec spec) {
    auto ours = dense::make_vector_index(spec);
    std::vector<DocOrdinal> docs(corpus.size());
    for (std::size_t i = 0; i < docs.size(); ++i) docs[i] = static_cast<DocOrdinal>(i);
    ours->add_batch(docs, corpus.rows);
    return ours;
}

// `normalized` holds the corpus as FAISS must see it for raw (unit rows under cosine).
Built build_both(const VectorSet& corpus, const VectorSet& normalized, dense::Metric metric, bool with_raw) {
    Built b;
    omp_set_num_threads(omp_get_num_procs());
    auto rss = resident_bytes();
    auto start = Clock::now();
    double cpu_start = process_cpu_seconds();
    if (with_raw) {
        b.raw = std::make_unique<faiss::IndexHNSWFlat>(static_cast<int>(corpus.dimension), kM,
                                                       metric == dense::Metric::l2 ? faiss::METRIC_L2
                                                                                   : faiss::METRIC_INNER_PRODUCT);
        b.raw->hnsw.efConstruction = kEfConstruction;
        b.raw->add(static_cast<Index::idx_t>(normalized.size()), normalized.rows.data());
        b.raw_seconds = seconds_since(start);
        b.raw_cpu_seconds = process_cpu_seconds() - cpu_start;
        b.raw_rss = resident_bytes() - rss;
    }

    dense::VectorIndexSpec spec;
    spec.dimension = corpus.dimension;
    spec.metric = metric;
    spec.m = kM;
    spec.ef_construction = kEfConstruction;
    rss = resident_bytes();
    start = Clock::now();
    cpu_start = process_cpu_seconds();
    b.ours = build_ours(corpus, spec);
    b.ours_seconds = seconds_since(start);
    b.ours_cpu_seconds = process_cpu_seconds() - cpu_start;
    b.ours_rss = resident_bytes() - rss;
    omp_set_num_threads(1);
    std::printf("build (%zu vectors, %zu-d, M=%d, efConstruction=%d, %d threads)\n", corpus.size(), corpus.dimension, kM,
                kEfConstruction, omp_get_num_procs());
    if (b.raw) {
        std::printf("  raw FAISS IndexHNSWFlat  %8.1f s wall %8.1f s CPU  %7.1f bytes/vector (structures)  RSS +%.0f MB\n",
                    b.raw_seconds, b.raw_cpu_seconds, double(raw_memory_bytes(*b.raw)) / double(corpus.size()),
                    double(b.raw_rss) / 1e6);
    }
    std::printf("  braid VectorIndex        %8.1f s wall %8.1f s CPU  %7.1f bytes/vector (memory_bytes) RSS +%.0f MB",
                b.ours_seconds, b.ours_cpu_seconds, double(b.ours->memory_bytes()) / double(corpus.size()),
                double(b.ours_rss) / 1e6);
    if (b.raw) std::printf("   braid/raw CPU %.3f", b.ours_cpu_seconds / b.raw_cpu_seconds);
    std::printf("\n");
    return b;
}

// hnswlib's side of a comparison: bench/hnswlib_peer.py run on the same rows and queries.
struct PeerRun {
    bool ran = false;
    double build_seconds = 0;      // wall
    double build_cpu_seconds = 0;  // CPU, all threads
    std::vector<SweepPoint> points;  // one per kEfSweep entry
};

std::string quoted(const std::string& s) { return "'" + s + "'"; }

void write_rows(const std::filesystem::path& path, const VectorSet& set, std::size_t count) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(set.rows.data()), static_cast<std::streamsize>(count * set.dimension * sizeof(float)));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

PeerRun read_peer_output(const std::filesystem::path& path, std::size_t count, const Results& truth) {
    std::ifstream in(path);
    PeerRun run;
    std::string word;
    std::string cpu_word;
    if (!(in >> word >> run.build_seconds >> cpu_word >> run.build_cpu_seconds) || word != "build_seconds") {
        throw std::runtime_error("bad hnswlib peer output");
    }
    int ef = 0;
    double qps = 0;
    std::string qps_word;
    while (in >> word >> ef >> qps_word >> qps) {
        Results found(count, std::vector<long>(kK));
        for (auto& ids : found) for (auto& id : ids) in >> id;
        run.points.push_back({ef, mean_recall(found, truth, kK), qps});
    }
    if (run.points.size() != kEfSweep.size()) throw std::runtime_error("hnswlib peer output is incomplete");
    run.ran = true;
    return run;
}

// bench/hnswlib_peer.py: --hnswlib-script, else beside this source file, else two folders above the
// executable (build/bench/), else under the current directory.
std::filesystem::path peer_script(const Options& o) {
    if (!o.hnswlib_script.empty()) return o.hnswlib_script;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    for (const std::filesystem::path& candidate :
         {std::filesystem::path(__FILE__).parent_path() / "hnswlib_peer.py",
          exe.parent_path().parent_path().parent_path() / "bench" / "hnswlib_peer.py",
          std::filesystem::current_path() / "bench" / "hnswlib_peer.py"}) {
        if (candidate.is_absolute() && std::filesystem::exists(candidate, ec)) return candidate;
    }
    throw std::runtime_error("cannot find bench/hnswlib_peer.py; pass --hnswlib-script or --no-hnswlib");
}

// `space` is hnswlib's: "l2" (squared) or "ip" (rows already unit length for cosine).
PeerRun run_hnswlib(const Options& o, const VectorSet& corpus, const VectorSet& queries, std::size_t count,
                    const Results& truth, const char* space, int repeats) {
    if (!o.hnswlib) return {};
    const std::filesystem::path script = peer_script(o);
    char pattern[] = "/tmp/bench_dense_hnswlib_XXXXXX";
    if (mkdtemp(pattern) == nullptr) throw std::runtime_error("cannot create a temporary directory");
    const std::filesystem::path dir = pattern;
    write_rows(dir / "corpus.f32", corpus, corpus.size());
    write_rows(dir / "queries.f32", queries, count);
    std::string efs;
    for (const int ef : kEfSweep) {
        if (!efs.empty()) efs += ',';
        efs += std::to_string(ef);
    }
    std::ostringstream command;
    command << o.python << ' ' << quoted(script.string()) << ' ' << quoted((dir / "corpus.f32").string()) << ' '
            << quoted((dir / "queries.f32").string()) << ' ' << corpus.dimension << ' ' << space << ' ' << kM << ' '
            << kEfConstruction << ' ' << omp_get_num_procs() << ' ' << kK << ' ' << repeats << ' ' << efs << ' '
            << quoted((dir / "out.txt").string());
    const int status = std::system(command.str().c_str());
    PeerRun run;
    if (status != 0) {
        std::printf("  hnswlib peer failed (status %d): %s\n", status, command.str().c_str());
    } else {
        run = read_peer_output(dir / "out.txt", count, truth);
    }
    std::filesystem::remove_all(dir);
    return run;
}

void print_kernel_speeds(std::size_t dimension) {
    constexpr std::size_t kRows = 16;  // in L1: the kernel's speed, not the memory's
    std::vector<float> a(dimension), rows(kRows * dimension);
    std::mt19937 rng(5);
    std::normal_distribution<float> unit;
    for (auto& x : a) x = unit(rng);
    for (auto& x : rows) x = unit(rng);
    std::printf("distance kernels at %zu-d, rows in L1 (ns per call, thread CPU time; dispatched: %s)\n", dimension,
                dense::kernel_level_name(dense::active_kernels().level));
    constexpr int kCalls = 1'000'000;
    for (const dense::KernelLevel level : dense::supported_kernel_levels()) {
        const dense::DistanceKernels& k = *dense::kernels_for(level);
        float sink = 0;
        double start = thread_cpu_seconds();
        for (int i = 0; i < kCalls; ++i) sink += k.inner_product(a.data(), rows.data() + (i % kRows) * dimension, dimension);
        const double ip = (thread_cpu_seconds() - start) * 1e9 / kCalls;
        start = thread_cpu_seconds();
        for (int i = 0; i < kCalls; ++i) sink += k.l2_squared(a.data(), rows.data() + (i % kRows) * dimension, dimension);
        const double l2 = (thread_cpu_seconds() - start) * 1e9 / kCalls;
        std::printf("  %-9s inner product %6.1f ns   L2 %6.1f ns   (checksum %.3g)\n", dense::kernel_level_name(level), ip,
                    l2, double(sink));
    }
}

void print_peer_build(const PeerRun& peer, const Built& b) {
    if (!peer.ran) return;
    std::printf("  hnswlib (python3-hnswlib)%8.1f s wall %8.1f s CPU\n", peer.build_seconds, peer.build_cpu_seconds);
    std::printf("  build braid/hnswlib: CPU %.3f, wall %.3f -> target (<= 1, CPU) %s", b.ours_cpu_seconds / peer.build_cpu_seconds,
                b.ours_seconds / peer.build_seconds, b.ours_cpu_seconds <= peer.build_cpu_seconds ? "met" : "NOT met");
    if (b.raw) std::printf("; raw FAISS/hnswlib CPU %.3f", b.raw_cpu_seconds / peer.build_cpu_seconds);
    std::printf("\n");
}

void print_sweep_and_targets(const std::vector<SweepPoint>& raw, const std::vector<SweepPoint>& ours, const PeerRun& peer) {
    std::printf("  %6s | %10s %10s | %10s %10s | %10s %10s | %s\n", "ef", "raw recall", "raw q/s", "hnswlib rc", "hnswlib q/s",
                "our recall", "our q/s", "ours/raw q/s");
    for (std::size_t i = 0; i < ours.size(); ++i) {
        const SweepPoint h = peer.ran ? peer.points[i] : SweepPoint{};
        std::printf("  %6d | %10.4f %10.0f | %10.4f %10.0f | %10.4f %10.0f | %.3f\n", raw[i].parameter, raw[i].recall,
                    raw[i].qps, h.recall, h.qps, ours[i].recall, ours[i].qps, ours[i].qps / raw[i].qps);
    }
    std::vector<double> ratios;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i].qps > 0) ratios.push_back(ours[i].qps / raw[i].qps);
    }
    if (!ratios.empty()) {
        std::printf("  median ours/raw q/s over the sweep (same ef): %.3f -> braid overhead %+.1f%%\n", median(ratios),
                    (1.0 / median(ratios) - 1.0) * 100.0);
    }
    for (const double target : kRecallTargets) {
        const SweepPoint* r = best_at_recall(raw, target);
        const SweepPoint* o = best_at_recall(ours, target);
        if (!o) {
            std::printf("  recall@10 >= %.2f: not reached by braid in the sweep\n", target);
            continue;
        }
        if (r) {
            std::printf("  recall@10 >= %.2f: raw %7.0f q/s (ef %d), braid %7.0f q/s (ef %d); braid/raw %.2fx\n", target,
                        r->qps, r->parameter, o->qps, o->parameter, o->qps / r->qps);
        }
        const SweepPoint* h = peer.ran ? best_at_recall(peer.points, target) : nullptr;
        if (h) {
            std::printf("  recall@10 >= %.2f: hnswlib %7.0f q/s (ef %d), braid %7.0f q/s (ef %d); braid/hnswlib %.2fx -> target %s\n",
                        target, h->qps, h->parameter, o->qps, o->parameter, o->qps / h->qps, o->qps >= h->qps ? "met" : "NOT met");
        }
    }
}

void sweep(const Built& b, const VectorSet& queries, const VectorSet& raw_queries, std::size_t count,
           const Results& truth, int repeats, const PeerRun& peer) {
    std::vector<SweepPoint> raw_points, our_points;
    for (const int ef : kEfSweep) {
        if (b.raw) {
            b.raw->hnsw.efSearch = ef;
            raw_points.push_back(timed_queries(ef, raw_queries, count, truth, repeats,
                                               [&](const float* q) { return raw_search(*b.raw, q, kK); }));
        } else {
            raw_points.push_back({ef, 0.0, 0.0});  // not run (--no-raw)
        }
        our_points.push_back(timed_queries(ef, queries, count, truth, repeats, [&](const float* q) {
            return ours_search(*b.ours, q, queries.dimension, ef);
        }));
    }
    std::printf("queries/s (per thread CPU second), single thread, one query per call (hnswlib: one batched call per pass), "
                "%zu queries, median of %d passes\n", count, repeats);
    print_sweep_and_targets(raw_points, our_points, peer);
}

// Filter keeping `fraction` of the documents, drawn at random (independent of the clusters).
Bitset random_filter(std::size_t n, double fraction, unsigned seed) {
    Bitset allowed(n);
    std::mt19937_64 rng(seed);
    std::bernoulli_distribution keep(fraction);
    for (std::size_t i = 0; i < n; ++i) if (keep(rng)) allowed.set(i);
    return allowed;
}

Results filtered_truth(const VectorSet& corpus, const VectorSet& queries, std::size_t count, const Bitset& allowed) {
    VectorSet kept;
    kept.dimension = corpus.dimension;
    std::vector<long> kept_ids;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        if (!allowed.test(i)) continue;
        kept.rows.insert(kept.rows.end(), corpus.row(i), corpus.row(i) + corpus.dimension);
        kept_ids.push_back(static_cast<long>(i));
    }
    Results truth = exact_truth(kept, queries, count, faiss::METRIC_L2);
    for (auto& ids : truth) for (auto& id : ids) id = id >= 0 ? kept_ids[static_cast<std::size_t>(id)] : -1;
    return truth;
}

void filtered_comparison(Built& b, const VectorSet& corpus, const VectorSet& queries, const Options& o) {
    const Bitset allowed = random_filter(corpus.size(), 0.01, 99);
    const std::size_t count = std::min(o.filter_queries, queries.size());
    omp_set_num_threads(omp_get_num_procs());
    const Results truth = filtered_truth(corpus, queries, count, allowed);
    omp_set_num_threads(1);
    auto& ours = dynamic_cast<dense::FaissVectorIndex&>(*b.ours);
    const dense::VectorIndexSpec defaults = ours.spec();
    std::printf("filtered search, 1%% selectivity (%zu of %zu documents allowed), %zu queries\n", allowed.count(),
                corpus.size(), count);

    std::vector<SweepPoint> graph, exact, post;
    ours.set_filter_plan(0, false);  // force the graph walk
    for (const int ef : {10, 20, 40}) {
        graph.push_back(timed_queries(ef, queries, count, truth, o.repeats, [&](const float* q) {
            return ours_search(ours, q, corpus.dimension, ef, &allowed);
        }));
        dense::DenseQuery probe{std::span<const float>(queries.row(0), corpus.dimension), kK, ef, &allowed};
        graph.back().parameter = ours.search(probe).ef_search;
    }
    ours.set_filter_plan(corpus.size() + 1, true);  // force the exact scan
    exact.push_back(timed_queries(0, queries, count, truth, o.repeats, [&](const float* q) {
        return ours_search(ours, q, corpus.dimension, 0, &allowed);
    }));
    ours.set_filter_plan(defaults.exact_filter_threshold, defaults.exact_filter_by_cost);
    dense::DenseQuery planned{std::span<const float>(queries.row(0), corpus.dimension), kK, 0, &allowed};
    const bool default_exact = ours.search(planned).exact;
    for (const int depth : {200, 500, 1000, 2000, 4000}) {
        b.raw->hnsw.efSearch = depth;
        post.push_back(timed_queries(depth, queries, count, truth, o.repeats, [&](const float* q) {
            std::vector<long> kept;
            for (const long id : raw_search(*b.raw, q, static_cast<std::size_t>(depth))) {
                if (id >= 0 && allowed.test(static_cast<std::size_t>(id)) && kept.size() < kK) kept.push_back(id);
            }
            return kept;
        }));
    }
    for (const auto& p : graph) std::printf("  braid IDSelector in graph  ef %5d   recall %.4f  %8.0f q/s\n", p.parameter, p.recall, p.qps);
    std::printf("  braid exact scan of allowed          recall %.4f  %8.0f q/s\n", exact[0].recall, exact[0].qps);
    for (const auto& p : post) std::printf("  raw FAISS post-filter depth %5d   recall %.4f  %8.0f q/s\n", p.parameter, p.recall, p.qps);
    std::printf("  braid's default plan here (threshold %zu, by cost %s): %s\n", defaults.exact_filter_threshold,
                defaults.exact_filter_by_cost ? "on" : "off", default_exact ? "exact scan" : "graph with IDSelector");
    std::vector<SweepPoint> ours_any = graph;
    ours_any.push_back(exact[0]);
    for (const double target : {0.90, 0.95}) {
        const SweepPoint* r = best_at_recall(post, target);
        const SweepPoint* g = best_at_recall(graph, target);
        const SweepPoint* a = fastest_at_recall(ours_any, target);
        std::printf("  recall >= %.2f: post-filter %s q/s; braid graph %s q/s; braid best %s q/s",
                    target, r ? std::to_string(int(r->qps)).c_str() : "n/a", g ? std::to_string(int(g->qps)).c_str() : "n/a",
                    a ? std::to_string(int(a->qps)).c_str() : "n/a");
        if (r && a) std::printf("  -> braid/post-filter %.1fx", a->qps / r->qps);
        std::printf("\n");
    }
}

void int8_comparison(const Built& b, const VectorSet& corpus, const VectorSet& queries, std::size_t count,
                     const Results& truth, dense::Metric metric, int repeats) {
    dense::VectorIndexSpec spec = b.ours->spec();
    spec.quantization = dense::Quantization::int8;
    omp_set_num_threads(omp_get_num_procs());
    const auto start = Clock::now();
    const auto int8 = build_ours(corpus, spec);
    const double seconds = seconds_since(start);
    omp_set_num_threads(1);
    std::printf("int8 quantization (IndexHNSWSQ QT_8bit, %s): build %.1f s, %.1f bytes/vector vs float %.1f (%.2fx)\n",
                dense::Metric::l2 == metric ? "l2" : "cosine", seconds, double(int8->memory_bytes()) / double(corpus.size()),
                double(b.ours->memory_bytes()) / double(corpus.size()),
                double(int8->memory_bytes()) / double(b.ours->memory_bytes()));
    for (const int ef : {64, 100, 128, 256}) {
        const auto f = timed_queries(ef, queries, count, truth, repeats,
                                     [&](const float* q) { return ours_search(*b.ours, q, corpus.dimension, ef); });
        const auto i = timed_queries(ef, queries, count, truth, repeats,
                                     [&](const float* q) { return ours_search(*int8, q, corpus.dimension, ef); });
        std::printf("  ef %4d   float recall %.4f %7.0f q/s   int8 recall %.4f %7.0f q/s\n", ef, f.recall, f.qps, i.recall, i.qps);
    }
}

void run_synthetic(const Options& o) {
    std::printf("\n=== synthetic: %zu clustered Gaussian 128-d vectors (1000 centres, spread 0.75, seed 42), l2 ===\n", o.n);
    const VectorSet corpus = clustered_gaussian(o.n, 128, 1000, 0.75f, 42);
    const VectorSet queries = clustered_gaussian(o.queries, 128, 1000, 0.75f, 4242);
    omp_set_num_threads(omp_get_num_procs());
    auto start = Clock::now();
    const Results truth = exact_truth(corpus, queries, queries.size(), faiss::METRIC_L2);
    std::printf("ground truth by exact search (IndexFlatL2, batched): %.1f s\n", seconds_since(start));
    print_kernel_speeds(corpus.dimension);
    Built b = build_both(corpus, corpus, dense::Metric::l2, o.raw);
    const PeerRun peer = run_hnswlib(o, corpus, queries, queries.size(), truth, "l2", o.repeats);
    print_peer_build(peer, b);
    sweep(b, queries, queries, queries.size(), truth, o.repeats, peer);
    if (o.filter && b.raw) filtered_comparison(b, corpus, queries, o);
    if (o.int8) int8_comparison(b, corpus, queries, queries.size(), truth, dense::Metric::l2, o.repeats);
}

VectorSet normalized_copy(const VectorSet& set) {
    VectorSet out = set;
    faiss::fvec_renorm_L2(out.dimension, out.size(), out.rows.data());
    return out;
}

void run_scifact(const Options& o) {
    std::printf("\n=== SciFact: corpus.lsa256 / queries.lsa256, cosine ===\n");
    const VectorSet corpus = read_embeddings_jsonl(o.scifact_dir + "/corpus.lsa256.jsonl");
    const VectorSet all_queries = read_embeddings_jsonl(o.scifact_dir + "/queries.lsa256.jsonl");
    const eval::Qrels qrels = eval::load_qrels(o.scifact_dir + "/qrels/test.tsv");
    VectorSet queries;  // the judged ones
    queries.dimension = all_queries.dimension;
    for (std::size_t i = 0; i < all_queries.size(); ++i) {
        if (!qrels.count(all_queries.ids[i])) continue;
        queries.ids.push_back(all_queries.ids[i]);
        queries.rows.insert(queries.rows.end(), all_queries.row(i), all_queries.row(i) + queries.dimension);
    }
    std::printf("%zu documents, %zu judged queries, %zu-d\n", corpus.size(), queries.size(), corpus.dimension);
    const VectorSet unit_corpus = normalized_copy(corpus);
    const VectorSet unit_queries = normalized_copy(queries);
    const Results truth = exact_truth(unit_corpus, unit_queries, unit_queries.size(), faiss::METRIC_INNER_PRODUCT);
    print_kernel_speeds(corpus.dimension);
    Built b = build_both(corpus, unit_corpus, dense::Metric::cosine, true);  // small: raw always runs
    const PeerRun peer = run_hnswlib(o, unit_corpus, unit_queries, unit_queries.size(), truth, "ip", std::max(o.repeats, 5));
    print_peer_build(peer, b);
    sweep(b, queries, unit_queries, queries.size(), truth, std::max(o.repeats, 5), peer);

    // nDCG@10 as eval/ computes it, of each ranking in the order the index gave it (the
    // searches here return ids only; similarities tie only for duplicate vectors).
    const auto ndcg_of = [&](const Results& ranked) {
        eval::Runs runs;
        for (std::size_t q = 0; q < queries.size(); ++q) {
            std::vector<std::string> ids;
            for (const long id : ranked[q]) if (id >= 0) ids.push_back(corpus.ids[static_cast<std::size_t>(id)]);
            runs[queries.ids[q]] = eval::run_in_rank_order(ids);
        }
        return eval::evaluate(runs, qrels, {kK, kK}).ndcg;
    };
    Results ours_default(queries.size()), raw_default(queries.size());
    b.raw->hnsw.efSearch = 100;
    for (std::size_t q = 0; q < queries.size(); ++q) {
        ours_default[q] = ours_search(*b.ours, queries.row(q), queries.dimension, 0);
        raw_default[q] = raw_search(*b.raw, unit_queries.row(q), kK);
    }
    std::printf("at the default ef_search (100): braid top-10 overlap with exact %.4f (target >= 0.95), raw FAISS %.4f\n",
                mean_recall(ours_default, truth, kK), mean_recall(raw_default, truth, kK));
    const double exact_ndcg = ndcg_of(truth);
    const double ours_ndcg = ndcg_of(ours_default);
    std::printf("nDCG@10: exact %.4f (reference 0.541), braid HNSW %.4f (diff %+.4f, target within 0.01), raw FAISS %.4f\n",
                exact_ndcg, ours_ndcg, ours_ndcg - exact_ndcg, ndcg_of(raw_default));
    if (o.int8) {
        int8_comparison(b, corpus, queries, queries.size(), truth, dense::Metric::cosine, std::max(o.repeats, 5));
    }
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--n") o.n = std::stoul(next());
        else if (arg == "--queries") o.queries = std::stoul(next());
        else if (arg == "--filter-queries") o.filter_queries = std::stoul(next());
        else if (arg == "--repeats") o.repeats = std::stoi(next());
        else if (arg == "--scifact") o.scifact_dir = next();
        else if (arg == "--no-synthetic") o.synthetic = false;
        else if (arg == "--no-scifact") o.scifact = false;
        else if (arg == "--no-int8") o.int8 = false;
        else if (arg == "--no-filter") o.filter = false;
        else if (arg == "--no-hnswlib") o.hnswlib = false;
        else if (arg == "--no-raw") o.raw = false;
        else if (arg == "--python") o.python = next();
        else if (arg == "--hnswlib-script") o.hnswlib_script = next();
        else throw std::runtime_error("unknown option " + arg);
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        std::setvbuf(stdout, nullptr, _IOLBF, 0);
        std::printf("bench_dense:");
        for (int i = 0; i < argc; ++i) std::printf(" %s", argv[i]);
        std::printf("\n");
        const auto start = Clock::now();
        if (o.synthetic) run_synthetic(o);
        if (o.scifact) run_scifact(o);
        std::printf("\ntotal %.1f s\n", seconds_since(start));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_dense: %s\n", e.what());
        return 1;
    }
    return 0;
}
