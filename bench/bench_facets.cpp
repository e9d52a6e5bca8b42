// The cost of "total" and "facets" per query (issue 14) through the engine's whole search path
// (an in-memory collection, lexical top-10): without either, with "total" (an unpruned count of
// every lexical match), and with facets on a keyword, an integer (values and ranges), a float
// (ranges) and a boolean field. SciFact's documents get those fields derived from their ids.
//   usage: build/bench/bench_facets [--scifact DIR] [--rounds N]
//   (defaults: ../shared/datasets/scifact from the source tree, 3 rounds of the 300 test queries)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"
#include "eval/beir_files.hpp"
#include "eval/qrels.hpp"

namespace {

using namespace braid;
using Clock = std::chrono::steady_clock;

config::CollectionConfig schema() {
    config::CollectionConfig c;
    c.name = "scifact";
    c.id_field = "id";
    c.fields = {{"text", config::FieldType::text, "english"},
                {"journal", config::FieldType::keyword, "standard"},
                {"year", config::FieldType::integer, "standard"},
                {"impact", config::FieldType::floating, "standard"},
                {"open", config::FieldType::boolean, "standard"}};
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = std::string(BRAID_SOURCE_DIR) + "/../shared/datasets/scifact";
    int rounds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--scifact") dir = argv[i + 1];
        else if (a == "--rounds") rounds = std::stoi(argv[i + 1]);
    }
    if (!std::filesystem::exists(dir)) {
        std::printf("SciFact not found at %s (--scifact DIR)\n", dir.c_str());
        return 1;
    }
    engine::Catalog catalog(engine::CatalogOptions{}, analyzers::AnalyzerRegistry::with_builtins());
    auto collection = catalog.create(schema());
    const eval::BeirFolder folder{dir};
    std::size_t documents = 0;
    for (const auto& doc : eval::load_corpus(folder.corpus())) {
        const std::size_t h = std::hash<std::string>{}(doc.id);
        boost::json::object json{{"id", doc.id},
                                 {"text", doc.title.empty() ? doc.text : doc.title + "\n" + doc.text},
                                 {"journal", "j" + std::to_string(h % 200)},
                                 {"year", static_cast<std::int64_t>(1980 + h % 43)},
                                 {"impact", static_cast<double>(h % 1000) / 10.0},
                                 {"open", h % 3 == 0}};
        collection->upsert(doc.id, std::move(json));
        ++documents;
    }
    const auto queries = eval::judged_queries(eval::load_queries(folder.queries()), eval::load_qrels(folder.qrels("test")));
    std::printf("SciFact: %zu documents, %zu queries x %d rounds, lexical k=10, english analyzer\n", documents,
                queries.size(), rounds);

    const std::vector<engine::FacetRequest> facets{
        {"journal", 10, {}},
        {"year", 10, {}},
        {"year", std::nullopt, {{std::nullopt, 2000.0}, {2000.0, 2010.0}, {2010.0, std::nullopt}}},
        {"impact", std::nullopt, {{std::nullopt, 25.0}, {25.0, 75.0}, {75.0, std::nullopt}}},
        {"open", std::nullopt, {}}};
    struct Variant {
        const char* name;
        bool total;
        bool facets;
    };
    for (const Variant v : {Variant{"plain", false, false}, Variant{"total", true, false}, Variant{"facets (5)", false, true},
                            Variant{"total + facets (5)", true, true}}) {
        double micros = 0, matches = 0;
        std::size_t n = 0;
        for (int round = 0; round < rounds; ++round) {
            for (const auto& query : queries) {
                engine::SearchRequest request;
                request.query = query.text;
                request.k = 10;
                request.total = v.total;
                if (v.facets) request.facets = facets;
                const auto start = Clock::now();
                const auto response = collection->search(request);
                micros += std::chrono::duration<double, std::micro>(Clock::now() - start).count();
                if (response.total) matches += static_cast<double>(response.total->lexical);
                ++n;
            }
        }
        std::printf("%-20s %8.1f us/query", v.name, micros / static_cast<double>(n));
        if (v.total) std::printf("  (%.0f lexical matches/query)", matches / static_cast<double>(n));
        std::printf("\n");
    }
}
