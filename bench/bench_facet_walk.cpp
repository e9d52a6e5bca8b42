// The crossover between the two ways keyword and boolean facets are counted (engine/facet_counter.hpp,
// FacetWalk): walking the matched documents' value ids, or walking every posting of the field.
// A FilterIndex of N documents (a keyword field of 200 values, every document one value and one
// in four a second; a boolean field) and random match sets from 0.1% to 100% of the documents;
// for each density, the median µs of each walk for both fields, and the automatic choice's.
//   usage: build/bench/bench_facet_walk [--docs N] [--rounds N]   (defaults: 1,000,000 and 15)
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_stats.hpp"
#include "engine/facet_counter.hpp"
#include "engine/facet_value_column.hpp"

namespace {

using namespace braid;

double time_walk(const engine::FilterIndex& index, const std::vector<engine::FacetRequest>& facets,
                 const Bitset& matched, engine::FacetWalk walk, int rounds, std::size_t& sink) {
    std::vector<double> micros;
    for (int r = 0; r < rounds; ++r) {
        const auto start = bench::Clock::now();
        const auto results = engine::FacetCounter::count(index, facets, matched, walk);
        micros.push_back(bench::seconds_since(start) * 1e6);
        sink += results.front().buckets.front().count;
    }
    return bench::median(micros);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t docs = 1'000'000;
    int rounds = 15;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--docs") docs = std::stoul(argv[i + 1]);
        else if (flag == "--rounds") rounds = std::stoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: bench_facet_walk [--docs N] [--rounds N]\n");
            return 2;
        }
    }
    const config::FieldConfig journal{"journal", config::FieldType::keyword, "standard"};
    const config::FieldConfig open{"open", config::FieldType::boolean, "standard"};
    engine::FilterIndex index({&journal, &open});
    std::mt19937_64 rng(42);
    std::size_t postings = 0;
    std::vector<std::vector<std::uint32_t>> ids_of(docs);  // journal value ids, to time the column alone
    const auto build_start = bench::Clock::now();
    for (std::size_t d = 0; d < docs; ++d) {
        std::vector<std::string> values;
        const std::size_t extra = rng() % 4 == 0 ? 1 : 0;  // one document in four has a second value
        for (std::size_t v = 0; v <= extra; ++v) {
            std::string value = "j";  // not "j" + to_string(): GCC 12 warns falsely (-Wrestrict)
            value += std::to_string(rng() % 200);
            const auto id = static_cast<std::uint32_t>(std::stoul(value.substr(1)));
            if (std::find(ids_of[d].begin(), ids_of[d].end(), id) == ids_of[d].end()) ids_of[d].push_back(id);
            values.push_back(std::move(value));
        }
        postings += values.size();
        index.add(static_cast<DocOrdinal>(d), {engine::FilterFieldValue{values}, engine::FilterFieldValue{rng() % 3 == 0}});
    }
    const double build_seconds = bench::seconds_since(build_start);
    // What a snapshot load pays for the column (it rebuilds the filter index from the documents):
    // the journal column's sets alone, against the whole FilterIndex::add of both fields above
    // (which also generated the random values and their text).
    engine::FacetValueColumn column;
    const auto column_start = bench::Clock::now();
    for (std::size_t d = 0; d < docs; ++d) column.set(static_cast<DocOrdinal>(d), ids_of[d]);
    const double column_seconds = bench::seconds_since(column_start);
    std::printf("index built in %.1f ns/document; the journal value column's sets alone %.1f ns/document (%.1f MB)\n",
                build_seconds * 1e9 / static_cast<double>(docs), column_seconds * 1e9 / static_cast<double>(docs),
                static_cast<double>(column.memory_bytes()) / 1e6);
    std::printf("%zu documents, %zu journal postings (%.2f per document), %d rounds, memory %.1f MB\n", docs, postings,
                static_cast<double>(postings) / static_cast<double>(docs), rounds,
                static_cast<double>(index.memory_bytes()) / 1e6);
    std::printf("%8s %9s | %-28s | %-28s\n", "density", "matches", "journal: matches postings auto",
                "open: matches postings auto");
    std::size_t sink = 0;
    for (const double density : {0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
        Bitset matched(docs);
        std::bernoulli_distribution pick(density);
        for (std::size_t d = 0; d < docs; ++d)
            if (pick(rng)) matched.set(d);
        std::printf("%7.1f%% %9zu |", density * 100, matched.count());
        for (const char* field : {"journal", "open"}) {
            const std::vector<engine::FacetRequest> facets{{field, 10, {}}};
            const double by_matches = time_walk(index, facets, matched, engine::FacetWalk::matches, rounds, sink);
            const double by_postings = time_walk(index, facets, matched, engine::FacetWalk::postings, rounds, sink);
            const double automatic = time_walk(index, facets, matched, engine::FacetWalk::automatic, rounds, sink);
            std::printf(" %9.1f %9.1f %8.1f |", by_matches, by_postings, automatic);
        }
        std::printf("\n");
    }
    std::printf("(µs per facet, medians; checksum %zu)\n", sink);
}
