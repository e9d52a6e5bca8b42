#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace braid::engine::beir {

// A BEIR-style folder: queries.jsonl ({"_id","text"} and optionally "embedding"),
// qrels/test.tsv (query-id, corpus-id, score with a header line).
struct Query {
    std::string id;
    std::string text;
    std::optional<std::vector<float>> vector;
};

using Judgments = std::map<std::string, int>;     // corpus id -> graded relevance
using Qrels = std::map<std::string, Judgments>;   // query id -> judgments

struct RankedDoc {
    std::string id;
    double score = 0;
};

// Reads queries.jsonl; `vectors_file` (same shape, with "embedding") supplies or replaces vectors.
// Throws braid::Error(io) for an unreadable file, invalid_argument naming file:line for a bad line.
std::vector<Query> load_queries(const std::filesystem::path& queries_file,
                                const std::optional<std::filesystem::path>& vectors_file = {});
Qrels load_qrels(const std::filesystem::path& qrels_file);

// As pytrec_eval (trec_eval) computes them: the run is ordered by score descending, ties by
// corpus id descending; nDCG gains are the graded relevance with a log2(rank + 1) discount and the
// ideal ranking built from all judgments; recall counts judgments with relevance >= 1.
double ndcg_at(std::vector<RankedDoc> run, const Judgments& judgments, std::size_t k);
double recall_at(std::vector<RankedDoc> run, const Judgments& judgments, std::size_t k);

struct Metrics {
    double ndcg_at_10 = 0;
    double recall_at_100 = 0;
    std::size_t queries = 0;   // queries that were judged and evaluated
};

// Mean over the judged queries. Like BEIR's evaluate(ignore_identical_ids=True), a hit whose id
// equals the query's id is dropped first; a judged query with no run counts as 0.
Metrics evaluate(const std::map<std::string, std::vector<RankedDoc>>& runs, const Qrels& qrels);

}  // namespace braid::engine::beir
