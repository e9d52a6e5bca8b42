#include "engine/beir_eval.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"

namespace braid::engine::beir {
namespace {

std::ifstream open_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw Error(ErrorKind::io, "io_error", "cannot read " + file.string());
    }
    return in;
}

[[noreturn]] void bad_line(const std::filesystem::path& file, std::size_t line, const std::string& why) {
    throw Error(ErrorKind::invalid_argument, "invalid_dataset",
                file.string() + ":" + std::to_string(line) + ": " + why);
}

std::string id_of(const boost::json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_int64()) return std::to_string(value.get_int64());
    if (value.is_uint64()) return std::to_string(value.get_uint64());
    return {};
}

std::vector<float> vector_of(const boost::json::value& value) {
    std::vector<float> out;
    for (const auto& element : value.as_array()) out.push_back(static_cast<float>(element.to_number<double>()));
    return out;
}

// trec_eval's order: score descending, then document id descending.
void sort_run(std::vector<RankedDoc>& run) {
    std::sort(run.begin(), run.end(), [](const RankedDoc& a, const RankedDoc& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.id > b.id;
    });
}

}  // namespace

std::vector<Query> load_queries(const std::filesystem::path& queries_file,
                                const std::optional<std::filesystem::path>& vectors_file) {
    std::vector<Query> queries;
    std::map<std::string, std::size_t> index;
    auto read = [&](const std::filesystem::path& file, bool vectors_only) {
        std::ifstream in = open_file(file);
        std::string line;
        std::size_t number = 0;
        while (std::getline(in, line)) {
            ++number;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            boost::json::error_code ec;
            const boost::json::value value = boost::json::parse(line, ec);
            if (ec || !value.is_object()) bad_line(file, number, "not a JSON object");
            const auto& object = value.get_object();
            const auto* id = object.if_contains("_id");
            if (!id || id_of(*id).empty()) bad_line(file, number, "missing \"_id\"");
            std::optional<std::vector<float>> vector;
            if (const auto* embedding = object.if_contains("embedding")) {
                try {
                    vector = vector_of(*embedding);
                } catch (const std::exception&) {
                    bad_line(file, number, "\"embedding\" is not an array of numbers");
                }
            }
            const std::string key = id_of(*id);
            if (vectors_only) {
                const auto found = index.find(key);
                if (found != index.end() && vector) queries[found->second].vector = std::move(vector);
                continue;
            }
            Query query;
            query.id = key;
            if (const auto* text = object.if_contains("text"); text && text->is_string()) {
                query.text = std::string(text->get_string());
            }
            query.vector = std::move(vector);
            index[key] = queries.size();
            queries.push_back(std::move(query));
        }
    };
    read(queries_file, false);
    if (vectors_file) read(*vectors_file, true);
    return queries;
}

Qrels load_qrels(const std::filesystem::path& qrels_file) {
    std::ifstream in = open_file(qrels_file);
    Qrels qrels;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::istringstream fields(line);
        std::string query, doc, score;
        std::getline(fields, query, '\t');
        std::getline(fields, doc, '\t');
        std::getline(fields, score, '\t');
        if (number == 1 && query == "query-id") continue;  // BEIR's header
        int relevance = 0;
        try {
            std::size_t used = 0;
            relevance = std::stoi(score, &used);
            if (used != score.size()) throw std::invalid_argument(score);
        } catch (const std::exception&) {
            bad_line(qrels_file, number, "expected query-id<TAB>corpus-id<TAB>integer score");
        }
        if (query.empty() || doc.empty()) bad_line(qrels_file, number, "empty query or corpus id");
        qrels[query][doc] = relevance;
    }
    return qrels;
}

double ndcg_at(std::vector<RankedDoc> run, const Judgments& judgments, std::size_t k) {
    sort_run(run);
    double dcg = 0;
    for (std::size_t i = 0; i < run.size() && i < k; ++i) {
        const auto found = judgments.find(run[i].id);
        if (found != judgments.end() && found->second > 0) {
            dcg += found->second / std::log2(static_cast<double>(i) + 2.0);
        }
    }
    std::vector<int> ideal;
    for (const auto& [doc, relevance] : judgments) {
        if (relevance > 0) ideal.push_back(relevance);
    }
    std::sort(ideal.rbegin(), ideal.rend());
    double idcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < k; ++i) {
        idcg += ideal[i] / std::log2(static_cast<double>(i) + 2.0);
    }
    return idcg > 0 ? dcg / idcg : 0.0;
}

double recall_at(std::vector<RankedDoc> run, const Judgments& judgments, std::size_t k) {
    sort_run(run);
    std::size_t relevant = 0;
    for (const auto& [doc, relevance] : judgments) relevant += relevance >= 1 ? 1 : 0;
    if (relevant == 0) return 0.0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < run.size() && i < k; ++i) {
        const auto judged = judgments.find(run[i].id);
        if (judged != judgments.end() && judged->second >= 1) ++found;
    }
    return static_cast<double>(found) / static_cast<double>(relevant);
}

Metrics evaluate(const std::map<std::string, std::vector<RankedDoc>>& runs, const Qrels& qrels) {
    Metrics metrics;
    for (const auto& [query, judgments] : qrels) {
        std::vector<RankedDoc> run;
        if (const auto found = runs.find(query); found != runs.end()) {
            for (const auto& doc : found->second) {
                if (doc.id != query) run.push_back(doc);
            }
        }
        metrics.ndcg_at_10 += ndcg_at(run, judgments, 10);
        metrics.recall_at_100 += recall_at(run, judgments, 100);
        ++metrics.queries;
    }
    if (metrics.queries > 0) {
        metrics.ndcg_at_10 /= static_cast<double>(metrics.queries);
        metrics.recall_at_100 /= static_cast<double>(metrics.queries);
    }
    return metrics;
}

}  // namespace braid::engine::beir
