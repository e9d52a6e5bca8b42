// Analysis throughput: a braid analyzer beside Xapian's TermGenerator (English stemmer, the same
// stopwords) over the title + text of a BEIR corpus, in one run. Median of 5 passes.
//   build/bench/bench_analyzers [corpus.jsonl] [analyzer]
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "bench/bench_stats.hpp"

#ifdef BRAID_HAVE_XAPIAN
#include <xapian.h>
#endif

namespace {

template <typename Body>
double median_seconds(Body&& body) {
    std::vector<double> runs;
    for (int r = 0; r < 5; ++r) {
        const auto start = braid::bench::Clock::now();
        body();
        runs.push_back(braid::bench::seconds_since(start));
    }
    return braid::bench::median(runs);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : BRAID_SOURCE_DIR "/../shared/datasets/scifact/corpus.jsonl";
    const std::string name = argc > 2 ? argv[2] : "english";
    std::ifstream in(path);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        return 2;
    }
    std::vector<std::string> docs;
    std::string line;
    std::size_t bytes = 0;
    while (std::getline(in, line)) {
        const auto v = boost::json::parse(line);
        docs.push_back(std::string(v.at("title").as_string()) + " " + std::string(v.at("text").as_string()));
        bytes += docs.back().size();
    }
    const auto registry = braid::analyzers::AnalyzerRegistry::with_builtins();
    const auto analyzer = registry.get(name);
    std::size_t tokens = 0;
    const double ours = median_seconds([&] {
        tokens = 0;
        for (const auto& d : docs) tokens += analyzer->analyze(d).size();
    });
    const double mb = static_cast<double>(bytes) / 1e6;
    std::cout << "corpus " << path << ": " << docs.size() << " docs, " << mb << " MB\n"
              << "braid " << name << " analyzer: " << mb / ours << " MB/s (" << tokens << " tokens)\n";
#ifdef BRAID_HAVE_XAPIAN
    Xapian::SimpleStopper stopper;
    for (const char* w : {"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
                          "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
                          "these", "they", "this", "to", "was", "will", "with"}) {
        stopper.add(w);
    }
    std::size_t terms = 0;
    const double peer = median_seconds([&] {
        terms = 0;
        for (const auto& d : docs) {
            Xapian::Document doc;
            Xapian::TermGenerator generator;
            generator.set_stemmer(Xapian::Stem("english"));
            generator.set_stopper(&stopper);
            generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
            generator.set_document(doc);
            generator.index_text(d);
            terms += doc.termlist_count();
        }
    });
    std::cout << "xapian TermGenerator: " << mb / peer << " MB/s (" << terms << " distinct terms per doc, summed;"
              << " includes building the Xapian document)\n"
              << "ratio braid/xapian throughput: " << peer / ours << "\n";
#endif
}
