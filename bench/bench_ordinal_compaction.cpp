// Ordinal compaction under an update-heavy load.
//
// Part 1: SciFact (title + text, 256-d LSA vectors, HNSW) loaded, then N replacements of random
// documents with themselves: the collection's memory_bytes and next ordinal at checkpoints, and
// after a snapshot + reload. Built from a tree without ordinal compaction the same program prints
// the figures before it (the next ordinal is then simply documents + replacements).
// Part 2: the time one compaction takes (CollectionState::compact_ordinals) on synthetic
// collections of 5,000 and 200,000 documents whose every document was replaced once.
//
// Usage: bench_ordinal_compaction [scifact corpus.lsa256.jsonl] [replacements] [large docs]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "bench/bench_stats.hpp"
#include "engine/collection_state.hpp"
#include "engine/document_parser.hpp"
#include "engine/local_collection.hpp"

namespace {

using namespace braid;
namespace fs = std::filesystem;

// prefix + i, written so GCC 12 raises no false -Wrestrict warning.
std::string numbered(std::string prefix, std::size_t i) {
    prefix += std::to_string(i);
    return prefix;
}

template <class C>
long long next_ordinal_of(const C& collection) {
    if constexpr (requires { collection.next_ordinal(); })
        return static_cast<long long>(collection.next_ordinal());
    else
        return -1;  // a tree without ordinal compaction: next ordinal = every write so far
}

config::CollectionConfig scifact_schema() {
    config::CollectionConfig schema;
    schema.name = "scifact";
    schema.id_field = "_id";
    schema.fields = {{"title", config::FieldType::text, "english"}, {"text", config::FieldType::text, "english"}};
    config::VectorConfig vector;
    vector.field = "embedding";
    vector.dimension = 256;
    vector.metric = "cosine";
    schema.vector = vector;
    return schema;
}

void report(const char* stage, std::size_t writes, const engine::LocalCollection& c) {
    const auto stats = c.stats();
    std::printf("%-28s writes %7zu  documents %5zu  next_ordinal %7lld  memory_bytes %10zu (%.1f MB)\n", stage, writes,
                stats.documents, next_ordinal_of(c), stats.memory_bytes, static_cast<double>(stats.memory_bytes) / 1e6);
}

void scifact_churn(const std::string& corpus, std::size_t replacements) {
    std::ifstream in(corpus);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", corpus.c_str());
        std::exit(1);
    }
    std::vector<std::string> lines;
    std::vector<std::string> ids;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        ids.emplace_back(boost::json::parse(line).at("_id").as_string());
        lines.push_back(std::move(line));
    }
    const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    engine::LocalCollection collection(scifact_schema(), registry);
    std::string body;
    for (const auto& l : lines) body += l + "\n";
    collection.bulk(body);
    std::size_t writes = lines.size();
    report("loaded", writes, collection);
    std::mt19937 rng(1);
    const auto start = bench::Clock::now();
    for (std::size_t r = 1; r <= replacements; ++r) {
        const std::size_t i = rng() % lines.size();
        collection.upsert_text(ids[i], lines[i]);
        ++writes;
        if (r % 1000 == 0) std::fprintf(stderr, "  %zu replacements: %.1f s\n", r, bench::seconds_since(start));
        if (r % 5000 == 0 || r == replacements) report("replaced", writes, collection);
    }
    std::printf("replacements: %.1f s\n", bench::seconds_since(start));
    const fs::path dir = fs::temp_directory_path() / numbered("braid-bench-ordinals-", std::random_device{}());
    collection.write_snapshot(dir);
    {
        const auto reloaded = engine::LocalCollection::load_snapshot(dir, registry);
        report("after snapshot + reload", writes, *reloaded);
    }
    fs::remove_all(dir);
}

config::CollectionConfig synthetic_schema() {
    config::CollectionConfig schema;
    schema.name = "synthetic";
    schema.id_field = "id";
    schema.fields = {{"body", config::FieldType::text, "english"},
                     {"tag", config::FieldType::keyword, "standard"},
                     {"n", config::FieldType::integer, "standard"}};
    config::VectorConfig vector;
    vector.field = "embedding";
    vector.dimension = 32;
    vector.metric = "cosine";
    vector.index.type = "flat";
    schema.vector = vector;
    return schema;
}

boost::json::object synthetic_doc(std::size_t id, std::mt19937& rng) {
    static const std::vector<std::string> words = [] {
        std::vector<std::string> w;
        for (int i = 0; i < 5000; ++i) w.push_back(numbered("w", static_cast<std::size_t>(i)));
        return w;
    }();
    std::string text;
    for (int i = 0; i < 40; ++i) {
        const double u = std::uniform_real_distribution<double>(0, 1)(rng);
        text += words[static_cast<std::size_t>(u * u * u * static_cast<double>(words.size()))] + " ";
    }
    boost::json::array v;
    std::normal_distribution<float> unit(0, 1);
    for (int i = 0; i < 32; ++i) v.push_back(unit(rng));
    return {{"id", std::to_string(id)}, {"body", text}, {"tag", numbered("t", rng() % 50)},
            {"n", static_cast<std::int64_t>(rng() % 1000)}, {"embedding", v}};
}

template <class State>
void time_compaction(std::size_t documents, int rounds) {
    if constexpr (!requires(State s) { s.compact_ordinals(); }) {
        std::printf("compaction time: not in this tree\n");
    } else {
        const auto registry = analyzers::AnalyzerRegistry::with_builtins();
        const auto schema = synthetic_schema();
        const engine::DocumentParser parser(schema, registry);
        State state(schema, parser);
        std::mt19937 rng(2);
        for (std::size_t i = 0; i < documents; ++i) state.upsert(parser.parse(std::to_string(i), synthetic_doc(i, rng)));
        std::vector<double> times;
        for (int round = 0; round < rounds; ++round) {
            // Replace every document once: the ordinal space is then twice the live count (just
            // below the automatic trigger, 2 x live + slack), as before an automatic compaction.
            for (std::size_t i = 0; i < documents; ++i) state.upsert(parser.parse(std::to_string(i), synthetic_doc(i, rng)));
            const std::size_t before = state.store.next_ordinal();
            const auto start = bench::Clock::now();
            state.compact_ordinals();
            times.push_back(bench::seconds_since(start) * 1000);
            std::printf("  %zu documents: next_ordinal %zu -> %u, compaction %.1f ms\n", documents, before,
                        state.store.next_ordinal(), times.back());
        }
        std::printf("compaction of %zu documents: median %.1f ms over %d runs\n", documents, bench::median(times), rounds);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::string corpus = argc > 1 ? argv[1] : BRAID_SOURCE_DIR "/../shared/datasets/scifact/corpus.lsa256.jsonl";
    const std::size_t replacements = argc > 2 ? std::stoul(argv[2]) : 20000;
    const std::size_t large = argc > 3 ? std::stoul(argv[3]) : 200000;
    std::printf("== SciFact, %zu replacements\n", replacements);
    scifact_churn(corpus, replacements);
    std::printf("== compaction time\n");
    time_compaction<engine::CollectionState>(5000, 5);
    time_compaction<engine::CollectionState>(large, 3);
    return 0;
}
