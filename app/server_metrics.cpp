#include "app/server_metrics.hpp"

#include "app/memory_reclaimer.hpp"
#include "core/error.hpp"

namespace braid::app {

using metrics::CollectedFamily;
using metrics::MetricType;

namespace {

std::vector<CollectedFamily> collection_families(const engine::Catalog& catalog) {
    CollectedFamily documents{"braid_collection_documents", "Live documents per collection.", MetricType::gauge,
                              {"collection"}, {}};
    CollectedFamily terms{"braid_collection_terms", "Distinct terms in a collection's lexical index.",
                          MetricType::gauge, {"collection"}, {}};
    CollectedFamily postings{"braid_collection_postings", "Postings in a collection's lexical index.",
                             MetricType::gauge, {"collection"}, {}};
    CollectedFamily vectors{"braid_collection_vectors", "Vectors in a collection's dense index.", MetricType::gauge,
                            {"collection"}, {}};
    CollectedFamily memory{"braid_collection_memory_bytes", "Memory a collection's indexes and documents hold.",
                           MetricType::gauge, {"collection"}, {}};
    for (const auto& [name, count] : catalog.list()) {
        engine::CollectionStats stats;
        try {
            stats = catalog.get(name)->stats();
        } catch (const Error&) {
            continue;  // dropped since it was listed
        }
        documents.samples.push_back({{name}, static_cast<double>(stats.documents)});
        terms.samples.push_back({{name}, static_cast<double>(stats.terms)});
        postings.samples.push_back({{name}, static_cast<double>(stats.postings)});
        vectors.samples.push_back({{name}, static_cast<double>(stats.vectors)});
        memory.samples.push_back({{name}, static_cast<double>(stats.memory_bytes)});
    }
    return {documents, terms, postings, vectors, memory};
}

}  // namespace

void add_serve_collectors(metrics::Registry& registry, const engine::Catalog& catalog, const http::Server& server) {
    registry.add_collector([&catalog] { return collection_families(catalog); });
    registry.add_collector([&server] {
        return std::vector<CollectedFamily>{
            {"braid_process_resident_memory_bytes", "Resident set size of the braid process.", MetricType::gauge, {},
             {{{}, static_cast<double>(resident_bytes())}}},
            {"braid_http_open_connections", "Client connections open now.", MetricType::gauge, {},
             {{{}, static_cast<double>(server.open_connections())}}}};
    });
    registry.add_collector([&catalog] {
        std::vector<CollectedFamily> out;
        try {
            if (const auto free = catalog.free_disk_bytes()) {
                out.push_back({"braid_data_dir_free_bytes", "Free bytes on the data directory's disk.", MetricType::gauge,
                               {}, {{{}, static_cast<double>(*free)}}});
            }
        } catch (const Error&) {
            // the disk cannot be asked right now: leave the figure out of this scrape
        }
        return out;
    });
}

}  // namespace braid::app
