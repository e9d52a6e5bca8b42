// bench_lexical: braid's lexical index beside Xapian, in one run, on the same corpus and the
// same analyzed terms. Figures: indexing documents/s, index bytes per posting, query latency
// p50/p99 at k (default 10) (OR of the terms, BM25 k1=0.9 b=0.4), top-k overlap, and on SciFact nDCG@10.
//
//   bench_lexical [--docs N] [--vocab N] [--queries N] [--scifact DIR] [--reps N] [--k N]
//                 [--skip-synthetic] [--skip-scifact] [--skip-xapian] [--or automatic|pruned|accumulated]
//
// --k sets the hits per query (default 10; hybrid search asks the lexical side for its window,
// e.g. 100). "results checksum" digests every braid hit (ordinal and score bits) of the last pass:
// two builds that print the same checksum ranked bit-identically. --or picks how braid evaluates
// the OR (default: automatic, as the server does); each ranks bit-identically.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "bench/bench_stats.hpp"
#include "bench/lexical_scifact_corpus.hpp"
#include "bench/lexical_synthetic_corpus.hpp"
#include "bench/lexical_xapian_peer.hpp"
#include "eval/metrics.hpp"
#include "lexical/lexical_index.hpp"

namespace {

using braid::lexical::FieldTokens;
using braid::lexical::LexicalIndex;
using braid::lexical::LexicalQuery;
using braid::bench::Clock;
using braid::bench::percentile;
using braid::bench::seconds_since;

struct Options {
    std::size_t docs = 1'000'000;
    std::size_t vocabulary = 200'000;
    std::size_t queries = 1000;
    std::size_t scifact_reps = 5;
    std::size_t k = 10;
    std::string scifact = BRAID_SOURCE_DIR "/../shared/datasets/scifact";  // beside the repository
    bool synthetic = true;
    bool scifact_run = true;
    bool xapian = true;  // --skip-xapian: braid alone (for profiling)
};

struct Figures {
    double docs_per_s = 0;      // wall clock
    double docs_per_cpu_s = 0;  // per second of CPU time of the process
    double bytes_per_posting = 0;
    double p50_us = 0, p99_us = 0;          // wall clock
    double cpu_p50_us = 0, cpu_p99_us = 0;  // CPU time of the thread
    double cpu_mean_us = 0;
    double ndcg = -1;
};

double cpu_seconds(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall and CPU time of a section: the machine may be shared, and CPU time is what the code costs.
struct Stopwatch {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
    double wall_s() const { return seconds_since(wall); }
    double cpu_s() const { return cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu; }
};

struct Latencies {
    std::vector<double> wall_us, cpu_us;
};

// Runs every query `reps` times after one warm-up pass; returns per-call latencies (us) and the
// results of the last pass.
template <class Search>
void time_queries(const std::vector<std::vector<std::string>>& queries, std::size_t reps, Search&& search,
                  std::vector<std::vector<std::uint32_t>>& results, Figures& fig) {
    results.assign(queries.size(), {});
    for (std::size_t i = 0; i < queries.size(); ++i) results[i] = search(queries[i]);
    Latencies lat;
    for (std::size_t r = 0; r < reps; ++r)
        for (std::size_t i = 0; i < queries.size(); ++i) {
            const double c0 = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
            const auto t0 = Clock::now();
            results[i] = search(queries[i]);
            lat.wall_us.push_back(seconds_since(t0) * 1e6);
            lat.cpu_us.push_back((cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - c0) * 1e6);
        }
    fig.p50_us = percentile(lat.wall_us, 0.50);
    fig.p99_us = percentile(lat.wall_us, 0.99);
    fig.cpu_p50_us = percentile(lat.cpu_us, 0.50);
    fig.cpu_p99_us = percentile(lat.cpu_us, 0.99);
    double sum = 0;
    for (double c : lat.cpu_us) sum += c;
    fig.cpu_mean_us = lat.cpu_us.empty() ? 0 : sum / static_cast<double>(lat.cpu_us.size());
}

double mean_overlap(const std::vector<std::vector<std::uint32_t>>& a, const std::vector<std::vector<std::uint32_t>>& b) {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::size_t common = 0;
        for (auto d : a[i]) common += std::count(b[i].begin(), b[i].end(), d);
        const std::size_t denom = std::max<std::size_t>(1, std::max(a[i].size(), b[i].size()));
        sum += static_cast<double>(common) / static_cast<double>(denom);
    }
    return a.empty() ? 0 : sum / static_cast<double>(a.size());
}

braid::lexical::OrEvaluation or_evaluation = braid::lexical::OrEvaluation::automatic;  // --or

std::vector<braid::ScoredDoc> braid_scored_search(const LexicalIndex& index, const std::vector<std::string>& terms,
                                                  std::size_t k) {
    LexicalQuery q;
    q.or_evaluation = or_evaluation;
    q.fields = {{std::string(braid::lexical::kCombinedField), 1.0f, terms}};
    q.k = k;
    return index.search(q);
}

std::vector<std::uint32_t> braid_search(const LexicalIndex& index, const std::vector<std::string>& terms, std::size_t k) {
    std::vector<std::uint32_t> out;
    for (const auto& hit : braid_scored_search(index, terms, k)) out.push_back(hit.doc);
    return out;
}

// FNV-1a over every hit's ordinal and score bits, in rank order.
std::uint64_t results_checksum(const LexicalIndex& index, const std::vector<std::vector<std::string>>& queries,
                               std::size_t k) {
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) h = (h ^ ((v >> (8 * i)) & 0xFFU)) * 1099511628211ULL;
    };
    for (const auto& q : queries)
        for (const auto& hit : braid_scored_search(index, q, k)) {
            std::uint32_t bits = 0;
            std::memcpy(&bits, &hit.score, sizeof bits);
            mix(hit.doc);
            mix(bits);
        }
    return h;
}

void print_table(const char* corpus, const Figures& ours, const Figures* peer, double overlap) {
    std::printf("\n== %s ==\n", corpus);
    std::printf("%-26s %14s %14s %14s\n", "", "braid", peer ? "xapian" : "-", peer ? "braid/xapian" : "");
    auto row = [&](const char* name, double a, double b, const char* fmt) {
        std::printf("%-26s ", name);
        std::printf(fmt, a);
        if (peer) {
            std::printf(" ");
            std::printf(fmt, b);
            std::printf(" %14.3f", b != 0 ? a / b : 0.0);
        }
        std::printf("\n");
    };
    row("indexing docs/s (wall)", ours.docs_per_s, peer ? peer->docs_per_s : 0, "%14.0f");
    row("indexing docs/s (cpu)", ours.docs_per_cpu_s, peer ? peer->docs_per_cpu_s : 0, "%14.0f");
    row("index bytes/posting", ours.bytes_per_posting, peer ? peer->bytes_per_posting : 0, "%14.2f");
    row("query p50 us (wall)", ours.p50_us, peer ? peer->p50_us : 0, "%14.1f");
    row("query p99 us (wall)", ours.p99_us, peer ? peer->p99_us : 0, "%14.1f");
    row("query p50 us (cpu)", ours.cpu_p50_us, peer ? peer->cpu_p50_us : 0, "%14.1f");
    row("query p99 us (cpu)", ours.cpu_p99_us, peer ? peer->cpu_p99_us : 0, "%14.1f");
    row("query mean us (cpu)", ours.cpu_mean_us, peer ? peer->cpu_mean_us : 0, "%14.1f");
    if (ours.ndcg >= 0) row("nDCG@10", ours.ndcg, peer ? peer->ndcg : 0, "%14.4f");
    if (peer) std::printf("%-26s %14.3f\n", "top-k overlap (mean)", overlap);
}

void run_synthetic(const Options& opt) {
    std::printf("generating synthetic corpus: %zu docs, %zu-term Zipf vocabulary, seed 42 ...\n", opt.docs, opt.vocabulary);
    std::fflush(stdout);
    braid::bench::SyntheticLexicalCorpus corpus(opt.docs, opt.vocabulary, 42);
    const auto queries = corpus.queries(opt.queries);
    std::printf("  %zu tokens (%.1f per doc), %zu queries of 2-8 terms\n", corpus.tokens(),
                static_cast<double>(corpus.tokens()) / static_cast<double>(corpus.size()), queries.size());

    Figures ours;
    LexicalIndex index({"text"}, braid::lexical::Bm25Params{0.9f, 0.4f});
    {
        std::vector<FieldTokens> fields(1);
        fields[0].field = "text";
        const Stopwatch watch;
        for (std::size_t d = 0; d < corpus.size(); ++d) {
            auto& tokens = fields[0].tokens;
            tokens.clear();
            std::uint32_t pos = 0;
            for (auto it = corpus.begin(d); it != corpus.end(d); ++it) tokens.push_back({corpus.term(*it), pos++, 0, 0});
            index.add(static_cast<braid::DocOrdinal>(d), fields);
        }
        ours.docs_per_s = static_cast<double>(corpus.size()) / watch.wall_s();
        ours.docs_per_cpu_s = static_cast<double>(corpus.size()) / watch.cpu_s();
    }
    const auto stats = index.stats();
    ours.bytes_per_posting = static_cast<double>(stats.memory_bytes) / static_cast<double>(stats.postings);
    std::printf("  braid: %zu postings, %zu terms, %.1f MB in memory\n", stats.postings, stats.terms, static_cast<double>(stats.memory_bytes) / 1e6);
    std::vector<std::vector<std::uint32_t>> ours_top;
    time_queries(queries, 1, [&](const auto& q) { return braid_search(index, q, opt.k); }, ours_top, ours);
    std::printf("  braid results checksum (k=%zu): %016llx\n", opt.k,
                static_cast<unsigned long long>(results_checksum(index, queries, opt.k)));

#ifdef BRAID_HAVE_XAPIAN
    if (!opt.xapian) return print_table("synthetic", ours, nullptr, 0);
    Figures peer;
    braid::bench::XapianPeer xapian(corpus.size() + 1);
    {
        std::vector<std::string> terms;
        const Stopwatch watch;
        for (std::size_t d = 0; d < corpus.size(); ++d) {
            terms.clear();
            for (auto it = corpus.begin(d); it != corpus.end(d); ++it) terms.push_back(corpus.term(*it));
            xapian.add(terms);
        }
        xapian.commit();
        peer.docs_per_s = static_cast<double>(corpus.size()) / watch.wall_s();
        peer.docs_per_cpu_s = static_cast<double>(corpus.size()) / watch.cpu_s();
    }
    peer.bytes_per_posting = static_cast<double>(xapian.disk_bytes()) / static_cast<double>(stats.postings);
    std::printf("  xapian: %s, %.1f MB\n", braid::bench::XapianPeer::description(), static_cast<double>(xapian.disk_bytes()) / 1e6);
    std::vector<std::vector<std::uint32_t>> peer_top;
    time_queries(queries, 1, [&](const auto& q) { return xapian.search(q, opt.k); }, peer_top, peer);
    print_table("synthetic", ours, &peer, mean_overlap(ours_top, peer_top));
#else
    print_table("synthetic", ours, nullptr, 0);
#endif
}

void run_scifact(const Options& opt) {
    const auto analyzer = braid::bench::scifact_analyzer();
    std::printf("\nloading SciFact from %s (analyzer: icu + nfkc_casefold + stop english + stem porter) ...\n", opt.scifact.c_str());
    std::fflush(stdout);
    const auto data = braid::bench::load_scifact(opt.scifact, *analyzer);
    std::size_t combined_postings = 0;
    for (const auto& d : data.docs) {
        std::vector<std::string> terms;
        for (const auto& t : d.title) terms.push_back(t.text);
        for (const auto& t : d.text) terms.push_back(t.text);
        std::sort(terms.begin(), terms.end());
        combined_postings += static_cast<std::size_t>(std::unique(terms.begin(), terms.end()) - terms.begin());
    }
    std::printf("  %zu documents, %zu test queries (each timed %zu times)\n", data.docs.size(), data.queries.size(), opt.scifact_reps);

    // nDCG@10 as eval/ computes it (trec_eval's definition), from each engine's scored top 10.
    auto ndcg = [&](auto&& scored_search) {
        braid::eval::Runs runs;
        for (std::size_t i = 0; i < data.queries.size(); ++i) {
            auto& run = runs[data.query_ids[i]];
            for (const auto& [doc, score] : scored_search(data.queries[i])) run.push_back({data.docs[doc].id, score});
        }
        return braid::eval::evaluate(runs, data.qrels, {10, 10}).ndcg;
    };

    Figures ours;
    LexicalIndex index({"title", "text"}, braid::lexical::Bm25Params{0.9f, 0.4f});
    {
        const Stopwatch watch;
        for (std::size_t d = 0; d < data.docs.size(); ++d)
            index.add(static_cast<braid::DocOrdinal>(d), {{"title", data.docs[d].title}, {"text", data.docs[d].text}});
        ours.docs_per_s = static_cast<double>(data.docs.size()) / watch.wall_s();
        ours.docs_per_cpu_s = static_cast<double>(data.docs.size()) / watch.cpu_s();
    }
    const auto stats = index.stats();
    ours.bytes_per_posting = static_cast<double>(stats.memory_bytes) / static_cast<double>(stats.postings);
    std::printf("  braid: fields title and text (queries on the combined field, BM25F over both); %zu postings, %.1f MB\n",
                stats.postings, static_cast<double>(stats.memory_bytes) / 1e6);
    std::vector<std::vector<std::uint32_t>> ours_top;
    time_queries(data.queries, opt.scifact_reps, [&](const auto& q) { return braid_search(index, q, opt.k); }, ours_top, ours);
    std::printf("  braid results checksum (k=%zu): %016llx\n", opt.k,
                static_cast<unsigned long long>(results_checksum(index, data.queries, opt.k)));
    ours.ndcg = ndcg([&](const auto& q) {
        std::vector<std::pair<std::uint32_t, double>> scored;
        for (const auto& hit : braid_scored_search(index, q, 10)) scored.emplace_back(hit.doc, hit.score);
        return scored;
    });

#ifdef BRAID_HAVE_XAPIAN
    if (!opt.xapian) return print_table("SciFact", ours, nullptr, 0);
    Figures peer;
    braid::bench::XapianPeer xapian(data.docs.size() + 1);
    {
        std::vector<std::string> terms;
        const Stopwatch watch;
        for (const auto& d : data.docs) {
            terms.clear();
            for (const auto& t : d.title) terms.push_back(t.text);
            for (const auto& t : d.text) terms.push_back(t.text);
            xapian.add(terms);
        }
        xapian.commit();
        peer.docs_per_s = static_cast<double>(data.docs.size()) / watch.wall_s();
        peer.docs_per_cpu_s = static_cast<double>(data.docs.size()) / watch.cpu_s();
    }
    peer.bytes_per_posting = static_cast<double>(xapian.disk_bytes()) / static_cast<double>(combined_postings);
    std::printf("  xapian: %s, one document of title + text terms, %zu postings, %.1f MB\n",
                braid::bench::XapianPeer::description(), combined_postings, static_cast<double>(xapian.disk_bytes()) / 1e6);
    std::vector<std::vector<std::uint32_t>> peer_top;
    time_queries(data.queries, opt.scifact_reps, [&](const auto& q) { return xapian.search(q, opt.k); }, peer_top, peer);
    peer.ndcg = ndcg([&](const auto& q) { return xapian.scored_search(q, 10); });
    print_table("SciFact", ours, &peer, mean_overlap(ours_top, peer_top));
#else
    print_table("SciFact", ours, nullptr, 0);
#endif
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--docs") o.docs = std::stoul(value());
        else if (a == "--vocab") o.vocabulary = std::stoul(value());
        else if (a == "--queries") o.queries = std::stoul(value());
        else if (a == "--reps") o.scifact_reps = std::stoul(value());
        else if (a == "--k") o.k = std::stoul(value());
        else if (a == "--scifact") o.scifact = value();
        else if (a == "--skip-synthetic") o.synthetic = false;
        else if (a == "--skip-scifact") o.scifact_run = false;
        else if (a == "--skip-xapian") o.xapian = false;
        else if (a == "--or") {
            const std::string how = value();
            if (how == "automatic") or_evaluation = braid::lexical::OrEvaluation::automatic;
            else if (how == "pruned") or_evaluation = braid::lexical::OrEvaluation::pruned;
            else if (how == "accumulated") or_evaluation = braid::lexical::OrEvaluation::accumulated;
            else throw std::runtime_error("--or takes automatic, pruned or accumulated");
        }
        else throw std::runtime_error("unknown flag " + a);
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options opt = parse(argc, argv);
        std::printf("bench_lexical: braid lexical::LexicalIndex vs Xapian %s, single thread, BM25 k1=0.9 b=0.4, k=%zu, OR queries\n",
#ifdef BRAID_HAVE_XAPIAN
                    Xapian::version_string()
#else
                    "(not built)"
#endif
                    , opt.k);
        std::printf("indexing rate: documents of analyzed terms into the index (analysis excluded on both sides);\n"
                    "braid bytes/posting: stats().memory_bytes / postings; xapian: database size on disk / postings\n");
        if (opt.scifact_run) run_scifact(opt);
        if (opt.synthetic) run_synthetic(opt);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_lexical: %s\n", e.what());
        return 1;
    }
    return 0;
}
