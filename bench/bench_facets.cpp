// The cost of "total" and "facets" per query (issue 14) through the engine's whole search path
// (an in-memory collection, lexical top-10): without either, with "total" (the exact number of
// lexical matches), with facets on a keyword, an integer (values and ranges), a float (ranges)
// and a boolean field, and with both. On SciFact (those fields derived from a hash of each id)
// and on the synthetic Zipf corpus (bench/synthetic_documents.hpp; fields derived from the
// ordinal). Each query runs the four variants one after the other, so load on the machine hits
// them alike; medians of the µs per query are printed.
//   usage: build/bench/bench_facets [--scifact DIR] [--rounds N] [--docs N] [--queries N]
//   (defaults: ../shared/datasets/scifact from the source tree, 3 rounds of its 300 test queries,
//   1,000,000 synthetic documents, 1000 queries; --docs 0 skips the synthetic corpus)
#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "bench/bench_stats.hpp"
#include "bench/synthetic_documents.hpp"
#include "config/config.hpp"
#include "core/json_text.hpp"
#include "engine/catalog.hpp"
#include "eval/beir_files.hpp"
#include "eval/qrels.hpp"

namespace {

using namespace braid;

config::CollectionConfig schema(const std::string& name, const std::string& analyzer) {
    config::CollectionConfig c;
    c.name = name;
    c.id_field = "id";
    c.fields = {{"text", config::FieldType::text, analyzer},
                {"journal", config::FieldType::keyword, "standard"},
                {"year", config::FieldType::integer, "standard"},
                {"impact", config::FieldType::floating, "standard"},
                {"open", config::FieldType::boolean, "standard"}};
    return c;
}

const std::vector<engine::FacetRequest>& facets() {
    static const std::vector<engine::FacetRequest> requests{
        {"journal", 10, {}},
        {"year", 10, {}},
        {"year", std::nullopt, {{std::nullopt, 2000.0}, {2000.0, 2010.0}, {2010.0, std::nullopt}}},
        {"impact", std::nullopt, {{std::nullopt, 25.0}, {25.0, 75.0}, {75.0, std::nullopt}}},
        {"open", std::nullopt, {}}};
    return requests;
}

struct Variant {
    const char* name;
    bool total;
    bool facets;
};
constexpr std::array<Variant, 4> kVariants{Variant{"plain", false, false}, Variant{"total", true, false},
                                           Variant{"facets (5)", false, true}, Variant{"both", true, true}};

// µs per query of each variant, and the lexical matches per query.
struct Timings {
    std::array<std::vector<double>, kVariants.size()> micros;
    double matches = 0;
    std::size_t queries = 0;
};

void run_query(const engine::Collection& collection, const std::string& text, Timings& timings) {
    for (std::size_t v = 0; v < kVariants.size(); ++v) {
        engine::SearchRequest request;
        request.query = text;
        request.k = 10;
        request.total = kVariants[v].total;
        if (kVariants[v].facets) request.facets = facets();
        const auto start = bench::Clock::now();
        const auto response = collection.search(request);
        timings.micros[v].push_back(bench::seconds_since(start) * 1e6);
        if (v == 1 && response.total) timings.matches += static_cast<double>(response.total->lexical);
    }
    ++timings.queries;
}

void print(const char* name, const Timings& t) {
    std::printf("%-12s queries %5zu ", name, t.queries);
    for (std::size_t v = 0; v < kVariants.size(); ++v)
        std::printf(" %s %8.1f", kVariants[v].name, bench::median(t.micros[v]));
    std::printf("  us/query (medians; %.0f lexical matches/query)\n", t.matches / static_cast<double>(t.queries));
}

void scifact(const std::string& dir, int rounds) {
    engine::Catalog catalog(engine::CatalogOptions{}, analyzers::AnalyzerRegistry::with_builtins());
    auto collection = catalog.create(schema("scifact", "english"));
    const eval::BeirFolder folder{dir};
    std::size_t documents = 0;
    for (const auto& doc : eval::load_corpus(folder.corpus())) {
        boost::json::object json{{"id", doc.id}, {"text", doc.title.empty() ? doc.text : doc.title + "\n" + doc.text}};
        bench::add_filter_fields(json, std::hash<std::string>{}(doc.id));
        collection->upsert(doc.id, std::move(json));
        ++documents;
    }
    const auto queries = eval::judged_queries(eval::load_queries(folder.queries()), eval::load_qrels(folder.qrels("test")));
    std::printf("SciFact: %zu documents, %zu queries x %d rounds, lexical k=10, english analyzer\n", documents,
                queries.size(), rounds);
    Timings timings;
    for (int round = 0; round < rounds; ++round)
        for (const auto& query : queries) run_query(*collection, query.text, timings);
    print("scifact", timings);
}

void synthetic(std::size_t docs, std::size_t queries) {
    std::printf("generating synthetic corpus: %zu docs, %zu-term Zipf vocabulary, seed %llu ...\n", docs,
                bench::kSyntheticVocabulary, static_cast<unsigned long long>(bench::kSyntheticSeed));
    bench::SyntheticLexicalCorpus corpus(docs, bench::kSyntheticVocabulary, bench::kSyntheticSeed);
    engine::Catalog catalog(engine::CatalogOptions{}, analyzers::AnalyzerRegistry::with_builtins());
    auto collection = catalog.create(schema("synthetic", "standard"));
    const auto start = bench::Clock::now();
    constexpr std::size_t kBatch = 10'000;
    std::size_t failed = 0;
    for (std::size_t first = 0; first < corpus.size(); first += kBatch) {
        std::string ndjson;
        for (std::size_t d = first; d < std::min(corpus.size(), first + kBatch); ++d) {
            boost::json::object json{{"id", std::to_string(d)}, {"text", bench::synthetic_text(corpus, d)}};
            bench::add_filter_fields(json, bench::mixed(d));
            ndjson += json_text(json);
            ndjson += '\n';
        }
        failed += collection->bulk(ndjson).failed;
    }
    std::printf("indexed in %.1f s (%zu failed), %zu queries, lexical k=10, standard analyzer\n",
                bench::seconds_since(start), failed, queries);
    Timings timings;
    for (const auto& terms : corpus.queries(queries)) run_query(*collection, bench::query_text(terms), timings);
    print("synthetic", timings);
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = std::string(BRAID_SOURCE_DIR) + "/../shared/datasets/scifact";
    int rounds = 3;
    std::size_t docs = 1'000'000, queries = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--scifact") dir = argv[i + 1];
        else if (a == "--rounds") rounds = std::stoi(argv[i + 1]);
        else if (a == "--docs") docs = std::stoul(argv[i + 1]);
        else if (a == "--queries") queries = std::stoul(argv[i + 1]);
    }
    if (std::filesystem::exists(dir)) scifact(dir, rounds);
    else std::printf("SciFact not found at %s (--scifact DIR)\n", dir.c_str());
    if (docs > 0) synthetic(docs, queries);
}
