// Durability costs through the engine API (no HTTP):
//  - bulk ingestion, documents/s, with durability on (engine::Catalog over a data_dir: every
//    batch journaled to the write-ahead log and fsynced before bulk() returns) beside the same
//    catalog in memory (no data_dir): the peer is braid without durability, same run, same data;
//  - restart time (Catalog construction + open(), until every document is searchable) from a
//    snapshot beside log replay alone (no snapshot: snapshot_every_bytes huge), for SciFact with
//    256-d vectors (cosine HNSW m=32, ef_construction=200) and for a synthetic text-only corpus
//    (default 1,000,000 documents of ~60 Zipf words, no vectors).
// Figures are medians over --repeats runs (ingestion: --ingest-repeats).
//
//   build/bench/bench_durability [--scifact FILE] [--scifact-docs N (0 = all)] [--synthetic-docs N]
//       [--batch 1000] [--repeats 3] [--ingest-repeats 1] [--dir PARENT] [--skip-scifact] [--skip-synthetic]
//       [--analysis-threads N (default: the CPUs of the process's affinity)]
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "bench/durability_bench_support.hpp"
#include "engine/parallel_analysis.hpp"

namespace fs = std::filesystem;
using namespace braid;
using namespace braid::bench;

namespace {

constexpr std::uint64_t kNever = 1ull << 60;  // snapshot_every_bytes that never triggers

struct Options {
    fs::path scifact = BRAID_SOURCE_DIR "/../shared/datasets/scifact/corpus.lsa256.jsonl";
    std::size_t scifact_docs = 0;
    std::size_t synthetic_docs = 1000000;
    std::size_t batch = 1000;
    int repeats = 3;
    int ingest_repeats = 1;
    fs::path dir = fs::temp_directory_path();
    bool scifact_enabled = true;
    bool synthetic_enabled = true;
    std::size_t analysis_threads = 0;  // 0: the process's CPUs (engine::analysis_threads())
};

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--scifact") o.scifact = next();
        else if (a == "--scifact-docs") o.scifact_docs = std::stoul(next());
        else if (a == "--synthetic-docs") o.synthetic_docs = std::stoul(next());
        else if (a == "--batch") o.batch = std::max<std::size_t>(1, std::stoul(next()));
        else if (a == "--repeats") o.repeats = std::max(1, std::stoi(next()));
        else if (a == "--ingest-repeats") o.ingest_repeats = std::max(1, std::stoi(next()));
        else if (a == "--dir") o.dir = next();
        else if (a == "--skip-scifact") o.scifact_enabled = false;
        else if (a == "--skip-synthetic") o.synthetic_enabled = false;
        else if (a == "--analysis-threads") o.analysis_threads = std::stoul(next());
        else throw std::runtime_error("unknown flag " + a + " (see the comment at the top of bench_durability.cpp)");
    }
    return o;
}

// A source of NDJSON batches; called with the batch index.
using BatchSource = std::function<std::string(std::size_t)>;

struct Dataset {
    std::string label;
    config::CollectionConfig schema;
    std::size_t documents = 0;
    std::size_t batches = 0;
    BatchSource batch;
};

// Ingests every batch; returns documents per second of bulk() time (making the NDJSON text is
// not counted). Throws when a line fails.
double ingest(engine::Catalog& catalog, const Dataset& data) {
    const auto collection = catalog.get(data.schema.name);
    double elapsed = 0;
    std::size_t indexed = 0;
    for (std::size_t b = 0; b < data.batches; ++b) {
        const std::string ndjson = data.batch(b);
        const auto start = Clock::now();
        const engine::BulkResult result = collection->bulk(ndjson);
        elapsed += seconds_since(start);
        if (result.failed != 0) {
            throw std::runtime_error(data.label + ": a bulk line failed: " + result.errors.front().message);
        }
        indexed += result.indexed;
    }
    if (indexed != data.documents) throw std::runtime_error(data.label + ": indexed count differs");
    return static_cast<double>(indexed) / elapsed;
}

// Opens the catalog over data_dir and checks every document came back; returns seconds.
double timed_restart(const fs::path& data_dir, const Dataset& data) {
    const auto start = Clock::now();
    auto catalog = open_catalog(data_dir, data.schema, kNever);
    const double elapsed = seconds_since(start);
    const auto stats = catalog->get(data.schema.name)->stats();
    if (stats.documents != data.documents) {
        throw std::runtime_error(data.label + ": restart found " + std::to_string(stats.documents) + " documents, expected " +
                                 std::to_string(data.documents));
    }
    return elapsed;
}

bool has_snapshot(const fs::path& data_dir) {
    const fs::path root = data_dir / "snapshots";
    if (!fs::exists(root)) return false;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (entry.path().filename().string().rfind("snap-", 0) == 0) return true;
    }
    return false;
}

void print_row(const char* what, const std::string& data, const std::string& ours, const std::string& peer,
               const std::string& ratio) {
    std::printf("%-34s %-22s %16s %16s %9s\n", what, data.c_str(), ours.c_str(), peer.c_str(), ratio.c_str());
    std::fflush(stdout);
}

std::string fmt(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

void run(const Options& options, const Dataset& data, bool memory_peer) {
    std::fprintf(stderr, "[%s] %zu documents in %zu batches\n", data.label.c_str(), data.documents, data.batches);
    std::vector<double> durable_rates, memory_rates;
    ScratchDir scratch(options.dir);
    fs::path data_dir;
    for (int r = 0; r < options.ingest_repeats; ++r) {
        if (memory_peer) {
            auto catalog = open_catalog({}, data.schema, kNever);
            memory_rates.push_back(ingest(*catalog, data));
            std::fprintf(stderr, "[%s] in memory: %.0f docs/s\n", data.label.c_str(), memory_rates.back());
        }
        data_dir = scratch.path() / ("data-" + std::to_string(r));
        auto catalog = open_catalog(data_dir, data.schema, kNever);
        durable_rates.push_back(ingest(*catalog, data));
        std::fprintf(stderr, "[%s] durable: %.0f docs/s\n", data.label.c_str(), durable_rates.back());
    }
    const double wal_mb = static_cast<double>(folder_bytes(data_dir / "wal")) / 1e6;
    if (has_snapshot(data_dir)) throw std::runtime_error(data.label + ": a snapshot appeared; log replay would not be alone");

    std::vector<double> from_log, from_snapshot;
    for (int r = 0; r < options.repeats; ++r) {
        from_log.push_back(timed_restart(data_dir, data));
        std::fprintf(stderr, "[%s] restart from the log: %.2f s\n", data.label.c_str(), from_log.back());
    }
    double snapshot_seconds = 0, snapshot_mb = 0;
    {
        auto catalog = open_catalog(data_dir, data.schema, kNever);
        const auto start = Clock::now();
        catalog->snapshot();
        snapshot_seconds = seconds_since(start);
        snapshot_mb = static_cast<double>(folder_bytes(data_dir / "snapshots")) / 1e6;
    }
    for (int r = 0; r < options.repeats; ++r) {
        from_snapshot.push_back(timed_restart(data_dir, data));
        std::fprintf(stderr, "[%s] restart from the snapshot: %.2f s\n", data.label.c_str(), from_snapshot.back());
    }

    const double durable = median(durable_rates);
    if (memory_peer) {
        const double memory = median(memory_rates);
        print_row("bulk ingestion, docs/s", data.label, fmt("%.0f", durable), fmt("%.0f", memory),
                  fmt("%.2f", durable / memory));
    } else {
        print_row("bulk ingestion, docs/s", data.label, fmt("%.0f", durable), "-", "-");
    }
    print_row("restart, s (snapshot | log)", data.label, fmt("%.2f", median(from_snapshot)), fmt("%.2f", median(from_log)),
              fmt("%.2f", median(from_snapshot) / median(from_log)));
    const double log_over_snapshot = median(from_log) / median(from_snapshot);
    print_row("restart log / snapshot (target <= 3)", data.label, fmt("%.2f", log_over_snapshot),
              log_over_snapshot <= 3.0 ? "met" : "NOT met", "-");
    print_row("write snapshot, s", data.label, fmt("%.2f", snapshot_seconds), "-", "-");
    print_row("on disk, MB (snapshot | log)", data.label, fmt("%.1f", snapshot_mb), fmt("%.1f", wal_mb), "-");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parse_options(argc, argv);
        engine::set_analysis_threads(options.analysis_threads);
        std::printf("bench_durability: batches of %zu, medians of %d restart(s) and %d ingestion run(s), %zu analysis "
                    "thread(s); data in %s\n",
                    options.batch, options.repeats, options.ingest_repeats, engine::analysis_threads(), options.dir.c_str());
        std::printf("%-34s %-22s %16s %16s %9s\n", "measure", "data", "ours: durable", "peer: in memory", "ratio");
        std::printf("%-34s %-22s %16s %16s %9s\n", "", "", "| from snapshot", "| log replay", "");
        if (options.scifact_enabled) {
            Dataset data;
            data.schema = collection_from_json(R"({"name": "scifact", "id_field": "_id",
                "fields": {"title": {"type": "text"}, "text": {"type": "text"}},
                "vector": {"field": "embedding", "dimension": 256, "metric": "cosine",
                           "index": {"type": "hnsw", "m": 32, "ef_construction": 200, "ef_search": 100}}})");
            auto batches = std::make_shared<std::vector<std::string>>(
                scifact_batches(options.scifact, options.scifact_docs, options.batch, data.documents));
            data.label = "SciFact+256d (" + std::to_string(data.documents) + ")";
            data.batches = batches->size();
            data.batch = [batches](std::size_t b) { return (*batches)[b]; };
            run(options, data, true);
        }
        if (options.synthetic_enabled && options.synthetic_docs > 0) {
            Dataset data;
            data.schema = collection_from_json(R"({"name": "synthetic", "id_field": "id",
                "fields": {"text": {"type": "text"}, "n": {"type": "integer"}}})");
            data.documents = options.synthetic_docs;
            data.batches = (data.documents + options.batch - 1) / options.batch;
            data.label = "synthetic text (" + std::to_string(data.documents) + ")";
            const std::size_t batch = options.batch, total = data.documents;
            auto docs = std::make_shared<SyntheticDocuments>(50000);
            data.batch = [docs, batch, total](std::size_t b) {
                // Each batch from its own seed: the same text every run.
                return docs->batch(b * batch, std::min(batch, total - b * batch), 0x5EED0000ull + b);
            };
            run(options, data, true);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_durability: %s\n", e.what());
        return 1;
    }
    return 0;
}
