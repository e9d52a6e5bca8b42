#pragma once
// Retrieval metrics as BEIR reports them: BEIR hands its runs to pytrec_eval, which runs
// trec_eval's own code (measures ndcg_cut and recall). The definitions, kept exactly:
// - a run is re-ordered by score descending (compared as doubles, as trec_eval keeps them), ties
//   by document id descending in strcmp order: trec_eval's comp_sim_docno in form_res_rels.c; the
//   order the documents came in does not count;
// - nDCG@k: gain = the graded relevance itself (linear, trec_eval's default; not 2^rel - 1),
//   discount log2(rank + 1) with ranks from 1, ideal DCG from every judged document with
//   relevance > 0 (retrieved or not), 0 when there is none;
// - Recall@k: judged documents with relevance >= 1 found in the first k, over all of them.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "eval/qrels.hpp"

namespace braid::eval {

struct RankedDoc {
    std::string id;
    double score = 0;
};
using Run = std::vector<RankedDoc>;
using Runs = std::map<std::string, Run>;  // query id -> run

// trec_eval's order, in place.
void sort_as_trec_eval(Run& run);
// A run whose trec_eval order is exactly `ids` (best first), for rankers without usable scores.
Run run_in_rank_order(const std::vector<std::string>& ids);

double ndcg_at(Run run, const Judgments& judgments, std::size_t k);
double recall_at(Run run, const Judgments& judgments, std::size_t k);

struct Cutoffs {
    std::size_t ndcg = 10;
    std::size_t recall = 100;
};

struct Metrics {
    double ndcg = 0;          // mean nDCG@cutoffs.ndcg
    double recall = 0;        // mean Recall@cutoffs.recall
    std::size_t queries = 0;  // queries averaged over: every query of the qrels
};

// Means over every query of `qrels`; a judged query without a run counts 0 (BEIR averages over
// the queries it ran, which is the same when every judged query is run, as our callers do).
// Like BEIR's evaluate(ignore_identical_ids=True), a hit whose id equals its query's id is
// dropped first.
Metrics evaluate(const Runs& runs, const Qrels& qrels, Cutoffs cutoffs = {});

}  // namespace braid::eval
