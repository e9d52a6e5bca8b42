#pragma once
// SciFact for bench_lexical: corpus (title + text), the test queries and their qrels, analyzed
// with braid's analyzer chain (icu + nfkc_casefold + stop english + stem porter).
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzers/analyzer.hpp"
#include "analyzers/token.hpp"

namespace braid::bench {

struct AnalyzedDoc {
    std::string id;
    std::vector<analyzers::Token> title;
    std::vector<analyzers::Token> text;
};

struct ScifactData {
    std::vector<AnalyzedDoc> docs;
    std::vector<std::string> query_ids;
    std::vector<std::vector<std::string>> queries;                 // analyzed terms
    std::map<std::string, std::map<std::string, int>> qrels;       // query id -> doc id -> grade
};

inline std::shared_ptr<const analyzers::Analyzer> scifact_analyzer() {
    analyzers::AnalyzerSpec spec;
    spec.tokenizer = "icu";
    spec.filters = {{"nfkc_casefold", "", {}, 0, 0}, {"stop", "english", {}, 0, 0}, {"stem", "porter", {}, 0, 0}};
    return analyzers::Analyzer::build("scifact_en", spec);
}

inline std::string json_string(const boost::json::object& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

inline ScifactData load_scifact(const std::string& dir, const analyzers::Analyzer& analyzer) {
    ScifactData data;
    std::ifstream qrels(dir + "/qrels/test.tsv");
    if (!qrels) throw std::runtime_error("cannot open " + dir + "/qrels/test.tsv");
    std::string line;
    std::getline(qrels, line);  // header
    while (std::getline(qrels, line)) {
        std::istringstream in(line);
        std::string q, d;
        int grade = 0;
        if (in >> q >> d >> grade) data.qrels[q][d] = grade;
    }
    std::ifstream corpus(dir + "/corpus.jsonl");
    if (!corpus) throw std::runtime_error("cannot open " + dir + "/corpus.jsonl");
    while (std::getline(corpus, line)) {
        if (line.empty()) continue;
        const auto o = boost::json::parse(line).as_object();
        data.docs.push_back({json_string(o, "_id"), analyzer.analyze(json_string(o, "title")),
                             analyzer.analyze(json_string(o, "text"))});
    }
    std::ifstream queries(dir + "/queries.jsonl");
    if (!queries) throw std::runtime_error("cannot open " + dir + "/queries.jsonl");
    while (std::getline(queries, line)) {
        if (line.empty()) continue;
        const auto o = boost::json::parse(line).as_object();
        const std::string id = json_string(o, "_id");
        if (!data.qrels.count(id)) continue;
        std::vector<std::string> terms;
        for (auto& t : analyzer.analyze(json_string(o, "text"))) terms.push_back(std::move(t.text));
        data.query_ids.push_back(id);
        data.queries.push_back(std::move(terms));
    }
    return data;
}

// nDCG@k (linear gain, as trec_eval / BEIR) of one ranking (document ids, best first) against graded judgments.
inline double ndcg_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged, std::size_t k) {
    double dcg = 0;
    for (std::size_t i = 0; i < ranking.size() && i < k; ++i) {
        auto it = judged.find(ranking[i]);
        if (it != judged.end() && it->second > 0) dcg += it->second / std::log2(static_cast<double>(i) + 2);
    }
    std::vector<int> grades;
    for (const auto& [doc, g] : judged) grades.push_back(g);
    std::sort(grades.rbegin(), grades.rend());
    double ideal = 0;
    for (std::size_t i = 0; i < grades.size() && i < k; ++i)
        if (grades[i] > 0) ideal += grades[i] / std::log2(static_cast<double>(i) + 2);
    return ideal > 0 ? dcg / ideal : 0;
}

}  // namespace braid::bench
