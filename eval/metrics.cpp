#include "eval/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>

namespace braid::eval {
namespace {

double discount(std::size_t position) {  // position from 0: log2(rank + 1) with rank = position + 1
    return std::log2(static_cast<double>(position) + 2.0);
}

int relevance_of(const Judgments& judgments, const std::string& id) {
    const auto found = judgments.find(id);
    return found == judgments.end() ? 0 : found->second;
}

}  // namespace

void sort_as_trec_eval(Run& run) {
    std::sort(run.begin(), run.end(), [](const RankedDoc& a, const RankedDoc& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.id > b.id;
    });
}

Run run_in_rank_order(const std::vector<std::string>& ids) {
    Run run;
    run.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) run.push_back({ids[i], static_cast<double>(ids.size() - i)});
    return run;
}

double ndcg_at(Run run, const Judgments& judgments, std::size_t k) {
    sort_as_trec_eval(run);
    double dcg = 0;
    for (std::size_t i = 0; i < run.size() && i < k; ++i) {
        const int relevance = relevance_of(judgments, run[i].id);
        if (relevance > 0) dcg += relevance / discount(i);
    }
    std::vector<int> ideal;
    for (const auto& [doc, relevance] : judgments) {
        if (relevance > 0) ideal.push_back(relevance);
    }
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double ideal_dcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < k; ++i) ideal_dcg += ideal[i] / discount(i);
    return ideal_dcg > 0 ? dcg / ideal_dcg : 0.0;
}

double recall_at(Run run, const Judgments& judgments, std::size_t k) {
    const auto relevant = std::count_if(judgments.begin(), judgments.end(),
                                        [](const auto& judged) { return judged.second >= 1; });
    if (relevant == 0) return 0.0;
    sort_as_trec_eval(run);
    std::size_t found = 0;
    for (std::size_t i = 0; i < run.size() && i < k; ++i) found += relevance_of(judgments, run[i].id) >= 1 ? 1 : 0;
    return static_cast<double>(found) / static_cast<double>(relevant);
}

Metrics evaluate(const Runs& runs, const Qrels& qrels, Cutoffs cutoffs) {
    Metrics metrics;
    for (const auto& [query, judgments] : qrels) {
        Run run;
        if (const auto found = runs.find(query); found != runs.end()) {
            std::copy_if(found->second.begin(), found->second.end(), std::back_inserter(run),
                         [&query_id = query](const RankedDoc& doc) { return doc.id != query_id; });
        }
        metrics.ndcg += ndcg_at(run, judgments, cutoffs.ndcg);
        metrics.recall += recall_at(std::move(run), judgments, cutoffs.recall);
        ++metrics.queries;
    }
    if (metrics.queries > 0) {
        metrics.ndcg /= static_cast<double>(metrics.queries);
        metrics.recall /= static_cast<double>(metrics.queries);
    }
    return metrics;
}

}  // namespace braid::eval
