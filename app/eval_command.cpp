#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include <boost/json/array.hpp>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "app/search_backend.hpp"
#include "core/error.hpp"
#include "engine/beir_eval.hpp"

namespace braid::app {
namespace {

namespace beir = engine::beir;
namespace json = boost::json;

constexpr std::size_t depth = 100;  // hits per query: enough for Recall@100

struct Setting {
    std::string name;
    bool lexical = false, dense = false;
    json::value fusion;  // null: single-sided
};

json::object rrf(double k) { return {{"method", "rrf"}, {"k", k}, {"window", 100}}; }
json::object linear(double alpha, const char* normalization) {
    return {{"method", "linear"}, {"alpha", alpha}, {"normalization", normalization}, {"window", 100}};
}

std::vector<Setting> settings(bool grid) {
    std::vector<Setting> list = {
        {"lexical (bm25)", true, false, nullptr},
        {"dense", false, true, nullptr},
        {"hybrid rrf k=60 window=100", true, true, rrf(60)},
        {"hybrid linear alpha=0.7 minmax window=100", true, true, linear(0.7, "minmax")},
    };
    if (grid) {
        for (double k : {1.0, 5.0, 10.0, 20.0, 40.0, 100.0, 200.0}) {
            list.push_back({"grid rrf k=" + std::to_string(static_cast<int>(k)), true, true, rrf(k)});
        }
        for (const char* normalization : {"minmax", "zscore"}) {
            for (int tenth = 1; tenth <= 9; ++tenth) {
                char name[80];
                std::snprintf(name, sizeof name, "grid linear alpha=%.1f %s", tenth / 10.0, normalization);
                list.push_back({name, true, true, linear(tenth / 10.0, normalization)});
            }
        }
    }
    return list;
}

json::array vector_json(const std::vector<float>& vector) {
    json::array out;
    out.reserve(vector.size());
    for (float x : vector) out.push_back(static_cast<double>(x));
    return out;
}

std::filesystem::path qrels_path(const std::filesystem::path& dir, const std::optional<std::string>& flag) {
    if (flag) return *flag;
    if (std::filesystem::exists(dir / "qrels" / "test.tsv")) return dir / "qrels" / "test.tsv";
    return dir / "qrels.tsv";
}

// Runs every judged query under one setting, collecting the ranked ids.
void run_setting(SearchBackend& backend, const Setting& setting, const std::vector<const beir::Query*>& judged,
                 std::map<std::string, std::vector<beir::RankedDoc>>& runs) {
    for (const auto* query : judged) {
        json::object body{{"k", depth}};
        if (setting.lexical) body["query"] = query->text;
        if (setting.dense) body["vector"] = vector_json(*query->vector);
        if (!setting.fusion.is_null()) body["fusion"] = setting.fusion;
        const json::value answer = backend.search(body);
        auto& run = runs[query->id];
        for (const auto& hit : answer.at("hits").as_array()) {
            run.push_back({std::string(hit.at("id").as_string()), hit.at("score").to_number<double>()});
        }
    }
}

}  // namespace

int eval_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "url", "collection", "beir", "queries-vectors", "qrels"}, {"grid"});
    const std::string collection = args.required("collection");
    const std::filesystem::path dir = args.required("beir");
    std::optional<std::filesystem::path> vectors;
    if (auto file = args.value("queries-vectors")) vectors = *file;
    const auto queries = beir::load_queries(dir / "queries.jsonl", vectors);
    const auto qrels = beir::load_qrels(qrels_path(dir, args.value("qrels")));

    std::optional<Runtime> runtime;
    std::unique_ptr<SearchBackend> backend;
    if (const auto url = args.value("url")) {
        std::optional<std::string> key;
        if (const char* env = std::getenv("BRAID_API_KEY"); env && *env) key = env;
        backend = http_backend(*url, collection, key);
    } else {
        runtime = open_runtime(args.required("config"));
        const auto& server = runtime->config.server;
        backend = local_backend(runtime->catalog->get(collection),
                                {server.max_k, server.max_offset, server.max_window});
    }

    std::vector<const beir::Query*> judged;
    beir::Qrels judged_qrels;  // only queries we can run count
    bool all_have_vectors = true;
    for (const auto& query : queries) {
        const auto judgments = qrels.find(query.id);
        if (judgments == qrels.end()) continue;
        judged.push_back(&query);
        judged_qrels.insert(*judgments);
        all_have_vectors = all_have_vectors && query.vector.has_value();
    }
    std::printf("%zu judged queries of %zu; %zu qrels queries\n", judged.size(), queries.size(), qrels.size());
    std::printf("%-44s %8s %11s %9s\n", "setting", "nDCG@10", "Recall@100", "ms/query");
    for (const auto& setting : settings(args.flag("grid"))) {
        if (setting.dense && !all_have_vectors) {
            std::printf("%-44s (skipped: queries without vectors; pass --queries-vectors)\n",
                        setting.name.c_str());
            continue;
        }
        std::map<std::string, std::vector<beir::RankedDoc>> runs;
        const auto started = std::chrono::steady_clock::now();
        try {
            run_setting(*backend, setting, judged, runs);
        } catch (const Error& error) {  // e.g. a collection without vectors: report, go on
            std::printf("%-44s (failed: %s)\n", setting.name.c_str(), error.what());
            continue;
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        const beir::Metrics metrics = beir::evaluate(runs, judged_qrels);
        std::printf("%-44s %8.4f %11.4f %9.2f\n", setting.name.c_str(), metrics.ndcg_at_10,
                    metrics.recall_at_100, judged.empty() ? 0.0 : ms / static_cast<double>(judged.size()));
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace braid::app
