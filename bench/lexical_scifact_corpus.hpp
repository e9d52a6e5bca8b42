#pragma once
// SciFact for bench_lexical: corpus (title + text), the test queries and their qrels (read by
// eval/), analyzed with braid's analyzer chain (icu + nfkc_casefold + stop english + stem porter).
#include <memory>
#include <string>
#include <vector>

#include "analyzers/analyzer.hpp"
#include "analyzers/token.hpp"
#include "eval/beir_files.hpp"
#include "eval/qrels.hpp"

namespace braid::bench {

struct AnalyzedDoc {
    std::string id;
    std::vector<analyzers::Token> title;
    std::vector<analyzers::Token> text;
};

struct ScifactData {
    std::vector<AnalyzedDoc> docs;
    std::vector<std::string> query_ids;
    std::vector<std::vector<std::string>> queries;  // analyzed terms
    eval::Qrels qrels;
};

inline std::shared_ptr<const analyzers::Analyzer> scifact_analyzer() {
    analyzers::AnalyzerSpec spec;
    spec.tokenizer = "icu";
    spec.filters = {{"nfkc_casefold", "", {}, 0, 0, {}}, {"stop", "english", {}, 0, 0, {}}, {"stem", "porter", {}, 0, 0, {}}};
    return analyzers::Analyzer::build("scifact_en", spec);
}

inline ScifactData load_scifact(const std::string& dir, const analyzers::Analyzer& analyzer) {
    const eval::BeirFolder folder{dir};
    ScifactData data;
    data.qrels = eval::load_qrels(folder.qrels("test"));
    for (const auto& doc : eval::load_corpus(folder.corpus())) {
        data.docs.push_back({doc.id, analyzer.analyze(doc.title), analyzer.analyze(doc.text)});
    }
    for (const auto& query : eval::judged_queries(eval::load_queries(folder.queries()), data.qrels)) {
        std::vector<std::string> terms;
        for (auto& token : analyzer.analyze(query.text)) terms.push_back(std::move(token.text));
        data.query_ids.push_back(query.id);
        data.queries.push_back(std::move(terms));
    }
    return data;
}

}  // namespace braid::bench
