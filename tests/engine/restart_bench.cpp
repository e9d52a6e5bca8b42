// Hidden benchmarks (not run by default): ingestion with durability on, and restart time from a
// snapshot versus from log replay alone.
//   build-engine/tests/test_engine "[.restart_bench]"            SciFact with 256-d vectors
//   BRAID_BENCH_DOCS=1000000 build-engine/tests/test_engine "[.restart_bench_synthetic]"
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

config::CollectionConfig scifact_schema() {
    config::CollectionConfig schema;
    schema.name = "scifact";
    schema.id_field = "_id";
    schema.fields = {{"title", config::FieldType::text, "english"}, {"text", config::FieldType::text, "english"}};
    config::VectorConfig vector;
    vector.dimension = 256;
    schema.vector = vector;
    return schema;
}

config::CollectionConfig synthetic_schema() {
    config::CollectionConfig schema;
    schema.name = "synthetic";
    schema.fields = {{"text", config::FieldType::text, "standard"}, {"n", config::FieldType::integer, "standard"}};
    return schema;
}

struct Timings {
    double ingest_seconds = 0, memory_ingest_seconds = 0, replay_seconds = 0, snapshot_seconds = 0,
           from_snapshot_seconds = 0;
    std::size_t documents = 0;
};

// Feeds `lines` in bulk bodies of 1,000 lines to a collection.
void ingest(Collection& collection, const std::vector<std::string>& lines) {
    std::string body;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        body += lines[i];
        body += '\n';
        if ((i + 1) % 1000 == 0 || i + 1 == lines.size()) {
            const auto result = collection.bulk(body);
            REQUIRE(result.failed == 0);
            body.clear();
        }
    }
}

Timings measure(const config::CollectionConfig& schema, const std::vector<std::string>& lines) {
    Timings t;
    TempDir dir;
    const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    const CatalogOptions options{dir.path(), ~0ull};  // no automatic snapshot: the log grows
    {
        Catalog memory(CatalogOptions{}, registry);
        auto start = Clock::now();
        ingest(*memory.create(schema), lines);
        t.memory_ingest_seconds = seconds_since(start);
    }
    {
        Catalog catalog(options, registry);
        catalog.open({});
        auto start = Clock::now();
        ingest(*catalog.create(schema), lines);
        t.ingest_seconds = seconds_since(start);
    }
    {
        auto start = Clock::now();
        Catalog catalog(options, registry);
        catalog.open({});
        t.replay_seconds = seconds_since(start);
        t.documents = catalog.get(schema.name)->stats().documents;
        start = Clock::now();
        catalog.snapshot();
        t.snapshot_seconds = seconds_since(start);
    }
    {
        auto start = Clock::now();
        Catalog catalog(options, registry);
        catalog.open({});
        t.from_snapshot_seconds = seconds_since(start);
        CHECK(catalog.get(schema.name)->stats().documents == t.documents);
    }
    return t;
}

void print(const char* name, const Timings& t) {
    const double n = static_cast<double>(t.documents);
    std::printf("%s: %zu documents\n", name, t.documents);
    std::printf("  bulk ingestion, durable (WAL fsync per 1,000-line batch): %.0f docs/s (%.2f s)\n",
                n / t.ingest_seconds, t.ingest_seconds);
    std::printf("  bulk ingestion, in memory (no WAL), same run:              %.0f docs/s (%.2f s); durable/memory %.2f\n",
                n / t.memory_ingest_seconds, t.memory_ingest_seconds, t.memory_ingest_seconds / t.ingest_seconds);
    std::printf("  restart from log replay alone: %.2f s\n", t.replay_seconds);
    std::printf("  snapshot: %.2f s\n", t.snapshot_seconds);
    std::printf("  restart from snapshot: %.2f s (%.1fx faster than replay)\n", t.from_snapshot_seconds,
                t.replay_seconds / t.from_snapshot_seconds);
}

}  // namespace

TEST_CASE("SciFact with vectors: durable ingestion and restart times", "[.restart_bench]") {
    std::ifstream in(std::string(BRAID_SOURCE_DIR) + "/../shared/datasets/scifact/corpus.lsa256.jsonl");
    if (!in) in.open("/work/shared/datasets/scifact/corpus.lsa256.jsonl");
    REQUIRE(in);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    print("SciFact (corpus.lsa256.jsonl)", measure(scifact_schema(), lines));
}

TEST_CASE("synthetic documents: durable ingestion and restart times", "[.restart_bench_synthetic]") {
    const char* env = std::getenv("BRAID_BENCH_DOCS");
    const std::size_t count = env ? std::strtoull(env, nullptr, 10) : 100000;
    std::vector<std::string> lines;
    lines.reserve(count);
    std::mt19937 rng(7);
    const auto& words = vocabulary();
    for (std::size_t i = 0; i < count; ++i) {
        std::string text;
        for (int w = 0; w < 8; ++w) {
            text += words[rng() % words.size()];
            text += numbered(" w", static_cast<long long>(rng() % 5000));
            text += ' ';
        }
        lines.push_back("{\"id\":\"" + numbered("d", static_cast<long long>(i)) + "\",\"text\":\"" + text +
                        "\",\"n\":" + std::to_string(i % 1000) + "}");
    }
    print("synthetic", measure(synthetic_schema(), lines));
}

// Concurrent single-document upserts with durability on: writers of different ids share fsyncs.
//   build-engine/tests/test_engine "[.upsert_bench]"
TEST_CASE("durable single-document upserts from 1 and 16 threads", "[.upsert_bench]") {
    const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    constexpr int kTotal = 3200;
    for (int threads : {1, 16}) {
        TempDir dir;
        Catalog catalog(CatalogOptions{dir.path(), ~0ull}, registry);
        catalog.open({books_schema("books", 0)});
        auto books = catalog.get("books");
        const auto start = Clock::now();
        std::vector<std::thread> writers;
        for (int t = 0; t < threads; ++t)
            writers.emplace_back([&, t] {
                for (int i = t; i < kTotal; i += threads) {
                    auto doc = book(i);
                    doc.erase("embedding");
                    books->upsert(numbered("b", i), doc);
                }
            });
        for (auto& w : writers) w.join();
        const double seconds = seconds_since(start);
        CHECK(books->stats().documents == kTotal);
        std::printf("durable upserts, %2d threads: %.0f docs/s (%d in %.2f s)\n", threads, kTotal / seconds, kTotal,
                    seconds);
    }
}
