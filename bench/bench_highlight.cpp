// The cost of "highlight" per query (issue 14): top-10 by BM25 over a "text" field, then the
// engine's own highlighting step (engine::add_highlights: parse each hit's stored JSON, analyze
// the field, match the query's clauses, cut two 150-byte fragments). Prints the µs per query
// without and with highlighting, on SciFact and on the synthetic Zipf corpus.
//   usage: build/bench/bench_highlight [--scifact DIR] [--docs N] [--queries N]
//   (defaults: ../shared/datasets/scifact from the source tree, 1,000,000 synthetic documents, 1000 queries)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/document_parser.hpp"
#include "engine/hit_highlights.hpp"
#include "eval/beir_files.hpp"
#include "eval/qrels.hpp"
#include "lexical/lexical_index.hpp"
#include "bench/bench_stats.hpp"
#include "bench/synthetic_documents.hpp"

namespace {

using namespace braid;
using Clock = std::chrono::steady_clock;

double micros(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

config::CollectionConfig schema(const std::string& analyzer) {
    config::CollectionConfig c;
    c.name = "bench";
    c.fields = {{"text", config::FieldType::text, analyzer}};
    return c;
}

struct Totals {
    double search_us = 0, highlight_us = 0;
    std::vector<double> highlight_each;  // µs per query, for the median
    std::size_t queries = 0, fragments = 0;
};

// One query: search (timed), fetch the hits' documents (untimed: the same in both modes), highlight (timed).
template <class DocumentOf>
void run_query(const lexical::LexicalIndex& index, const engine::DocumentParser& parser, const std::string& query,
               const std::vector<std::string>& terms, DocumentOf&& document_of, Totals& totals) {
    lexical::LexicalQuery q;
    q.fields = {{"text", 1.0f, terms}};
    q.k = 10;
    auto start = Clock::now();
    const auto top = index.search(q);
    totals.search_us += micros(start);
    std::vector<engine::Hit> hits;
    for (const auto& scored : top) {
        engine::Hit hit;
        hit.document = document_of(scored.doc);
        hits.push_back(std::move(hit));
    }
    engine::SearchRequest request;
    request.query = query;
    engine::HighlightRequest highlight;
    highlight.fields = {"text"};
    highlight.options.fragments = 2;
    highlight.options.html = true;
    request.highlight = highlight;
    start = Clock::now();
    engine::add_highlights(parser, request, hits);
    const double took = micros(start);
    totals.highlight_us += took;
    totals.highlight_each.push_back(took);
    for (const auto& hit : hits)
        for (const auto& [field, fragments] : *hit.highlight) totals.fragments += fragments.size();
    ++totals.queries;
}

void print(const char* name, const Totals& t) {
    const double n = static_cast<double>(t.queries);
    std::printf("%-28s queries %5zu  search %9.1f us/query  search+highlight %9.1f us/query  highlight %8.1f us/query "
                "(median %.1f; %.1f fragments/query)\n",
                name, t.queries, t.search_us / n, (t.search_us + t.highlight_us) / n, t.highlight_us / n,
                bench::median(t.highlight_each), static_cast<double>(t.fragments) / n);
}

void scifact(const std::string& dir, const analyzers::AnalyzerRegistry& registry) {
    const auto c = schema("english");
    const engine::DocumentParser parser(c, registry);
    const auto analyzer = parser.analyzer("text");
    const eval::BeirFolder folder{dir};
    std::vector<std::string> documents;
    lexical::LexicalIndex index({"text"}, lexical::Bm25Params{}, true);
    for (const auto& doc : eval::load_corpus(folder.corpus())) {
        const std::string text = doc.title.empty() ? doc.text : doc.title + "\n" + doc.text;
        index.add(static_cast<DocOrdinal>(documents.size()), {{"text", analyzer->analyze(text)}});
        documents.push_back(bench::text_document_json(text));
    }
    const auto qrels = eval::load_qrels(folder.qrels("test"));
    Totals totals;
    for (int round = 0; round < 3; ++round) {  // 300 queries, three times
        for (const auto& query : eval::judged_queries(eval::load_queries(folder.queries()), qrels)) {
            std::vector<std::string> terms;
            for (auto& t : analyzer->analyze(query.text)) terms.push_back(std::move(t.text));
            run_query(index, parser, query.text, terms, [&](DocOrdinal d) { return documents[d]; }, totals);
        }
    }
    std::printf("SciFact: %zu documents (title + text as one \"text\" field), k=10, english analyzer\n", documents.size());
    print("scifact", totals);
}

void synthetic(std::size_t docs, std::size_t queries, const analyzers::AnalyzerRegistry& registry) {
    std::printf("generating synthetic corpus: %zu docs, %zu-term Zipf vocabulary, seed %llu ...\n", docs,
                bench::kSyntheticVocabulary, static_cast<unsigned long long>(bench::kSyntheticSeed));
    bench::SyntheticLexicalCorpus corpus(docs, bench::kSyntheticVocabulary, bench::kSyntheticSeed);
    const auto c = schema("standard");
    const engine::DocumentParser parser(c, registry);
    lexical::LexicalIndex index({"text"}, lexical::Bm25Params{}, false);
    const auto start = Clock::now();
    for (std::size_t d = 0; d < corpus.size(); ++d)
        index.add(static_cast<DocOrdinal>(d), {{"text", bench::synthetic_tokens(corpus, d)}});
    std::printf("indexed in %.1f s\n", micros(start) / 1e6);
    Totals totals;
    for (const auto& terms : corpus.queries(queries))
        run_query(index, parser, bench::query_text(terms), terms,
                  [&](DocOrdinal d) { return bench::text_document_json(bench::synthetic_text(corpus, d)); }, totals);
    print("synthetic", totals);
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = std::string(BRAID_SOURCE_DIR) + "/../shared/datasets/scifact";
    std::size_t docs = 1'000'000, queries = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--scifact") dir = argv[i + 1];
        else if (a == "--docs") docs = std::stoul(argv[i + 1]);
        else if (a == "--queries") queries = std::stoul(argv[i + 1]);
    }
    const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    if (std::filesystem::exists(dir)) scifact(dir, registry);
    else std::printf("SciFact not found at %s (--scifact DIR)\n", dir.c_str());
    if (docs > 0) synthetic(docs, queries, registry);
}
