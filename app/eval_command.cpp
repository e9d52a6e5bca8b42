#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "app/search_backend.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "eval/beir_files.hpp"
#include "eval/grid_plot.hpp"
#include "eval/metrics.hpp"
#include "eval/qrels.hpp"

namespace braid::app {
namespace {

namespace json = boost::json;

constexpr std::size_t depth = 100;  // hits per query: enough for Recall@100

struct Setting {
    std::string name;
    bool lexical = false, dense = false;
    json::value fusion;  // null: single-sided
    std::string series;  // for --plot: "lexical", "dense", "rrf", "linear minmax", "linear zscore"
    double x = 0;        // for --plot: RRF's k or linear's alpha
};

json::object rrf(double k) { return {{"method", "rrf"}, {"k", k}, {"window", 100}}; }
json::object linear(double alpha, const char* normalization) {
    return {{"method", "linear"}, {"alpha", alpha}, {"normalization", normalization}, {"window", 100}};
}

std::vector<Setting> settings(bool grid) {
    std::vector<Setting> list = {
        {"lexical (bm25)", true, false, nullptr, "lexical", 0},
        {"dense", false, true, nullptr, "dense", 0},
        {"hybrid rrf k=60 window=100", true, true, rrf(60), "rrf", 60},
        {"hybrid linear alpha=0.7 minmax window=100", true, true, linear(0.7, "minmax"), "", 0},  // the grid has it
    };
    if (grid) {
        for (double k : {1.0, 5.0, 10.0, 20.0, 40.0, 100.0, 200.0}) {
            list.push_back({"grid rrf k=" + std::to_string(static_cast<int>(k)), true, true, rrf(k), "rrf", k});
        }
        for (const char* normalization : {"minmax", "zscore"}) {
            for (int tenth = 1; tenth <= 9; ++tenth) {
                char name[80];
                std::snprintf(name, sizeof name, "grid linear alpha=%.1f %s", tenth / 10.0, normalization);
                list.push_back({name, true, true, linear(tenth / 10.0, normalization),
                                std::string("linear ") + normalization, tenth / 10.0});
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

std::filesystem::path qrels_path(const eval::BeirFolder& folder, const std::optional<std::string>& flag) {
    if (flag) return *flag;
    if (std::filesystem::exists(folder.qrels("test"))) return folder.qrels("test");
    return folder.dir / "qrels.tsv";
}

// Runs every judged query under one setting, collecting the ranked ids.
void run_setting(SearchBackend& backend, const Setting& setting, const std::vector<eval::Query>& judged,
                 eval::Runs& runs) {
    for (const auto& query : judged) {
        json::object body{{"k", depth}};
        if (setting.lexical) body["query"] = query.text;
        if (setting.dense) body["vector"] = vector_json(*query.vector);
        if (!setting.fusion.is_null()) body["fusion"] = setting.fusion;
        const json::value answer = backend.search(body);
        auto& run = runs[query.id];
        for (const auto& hit : answer.at("hits").as_array()) {
            run.push_back({std::string(hit.at("id").as_string()), hit.at("score").to_number<double>()});
        }
    }
}

// The table on stdout, or with --json one JSON object at the end:
// {"queries": N, "settings": [{"name", "ndcg_at_10", "recall_at_100", "ms_per_query"} or {"name", "error"}]}
class Report {
public:
    explicit Report(bool as_json) : as_json_(as_json) {}

    void header(std::size_t judged, std::size_t queries, std::size_t qrels) {
        json_["queries"] = judged;
        if (as_json_) return;
        std::printf("%zu judged queries of %zu; %zu qrels queries\n", judged, queries, qrels);
        std::printf("%-44s %8s %11s %9s\n", "setting", "nDCG@10", "Recall@100", "ms/query");
    }
    void not_run(const std::string& name, const std::string& why) {
        settings_.push_back(json::object{{"name", name}, {"error", why}});
        if (!as_json_) std::printf("%-44s (%s)\n", name.c_str(), why.c_str());
    }
    void measured(const std::string& name, const eval::Metrics& metrics, double ms_per_query) {
        settings_.push_back(json::object{{"name", name}, {"ndcg_at_10", metrics.ndcg},
                                         {"recall_at_100", metrics.recall}, {"ms_per_query", ms_per_query}});
        if (as_json_) return;
        std::printf("%-44s %8.4f %11.4f %9.2f\n", name.c_str(), metrics.ndcg, metrics.recall, ms_per_query);
        std::fflush(stdout);
    }
    void finish() {
        if (!as_json_) return;
        json_["settings"] = std::move(settings_);
        std::printf("%s\n", braid::json_text(json_).c_str());
    }

private:
    bool as_json_;
    json::object json_;
    json::array settings_;
};

void add_to_plot(eval::GridPlot& plot, const Setting& setting, double ndcg) {
    if (setting.series == "lexical") plot.lexical_ndcg = ndcg;
    if (setting.series == "dense") plot.dense_ndcg = ndcg;
    if (setting.series != "rrf" && setting.series.rfind("linear", 0) != 0) return;
    auto& group = setting.series == "rrf" ? plot.rrf : plot.linear;
    auto series = std::find_if(group.begin(), group.end(), [&](const auto& s) { return s.name == setting.series; });
    if (series == group.end()) series = group.insert(group.end(), eval::PlotSeries{setting.series, {}});
    series->points.emplace_back(setting.x, ndcg);
}

void write_plot(const std::filesystem::path& file, const eval::GridPlot& plot) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << eval::grid_plot_svg(plot);
    out.close();
    if (!out) throw Error(ErrorKind::io, "write_failed", "cannot write the plot to " + file.string());
    std::fprintf(stderr, "braid eval: nDCG@10 plot written to %s\n", file.string().c_str());
}

}  // namespace

int eval_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "url", "collection", "beir", "queries-vectors", "qrels", "plot"},
                       {"grid", "json"});
    const auto plot_file = args.value("plot");
    if (plot_file && !args.flag("grid")) {
        throw Error(ErrorKind::invalid_argument, "usage", "--plot draws the grid: add --grid");
    }
    const std::string collection = args.required("collection");
    const eval::BeirFolder folder{args.required("beir")};
    std::optional<std::filesystem::path> vectors;
    if (auto file = args.value("queries-vectors")) vectors = *file;
    const auto qrels = eval::load_qrels(qrels_path(folder, args.value("qrels")));
    const auto queries = eval::load_queries(folder.queries(), vectors);
    const bool as_json = args.flag("json");

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
                                {server.max_k, server.max_offset, server.max_window, server.max_query_terms});
    }

    const auto judged = eval::judged_queries(queries, qrels);
    eval::Qrels judged_qrels;  // only queries we can run count
    bool all_have_vectors = true;
    for (const auto& query : judged) {
        judged_qrels.insert(*qrels.find(query.id));
        all_have_vectors = all_have_vectors && query.vector.has_value();
    }
    eval::GridPlot plot;
    plot.title = collection;
    Report report(as_json);
    report.header(judged.size(), queries.size(), qrels.size());
    for (const auto& setting : settings(args.flag("grid"))) {
        if (setting.dense && !all_have_vectors) {
            report.not_run(setting.name, "skipped: queries without vectors; pass --queries-vectors");
            continue;
        }
        eval::Runs runs;
        const auto started = std::chrono::steady_clock::now();
        try {
            run_setting(*backend, setting, judged, runs);
        } catch (const Error& error) {  // e.g. a collection without vectors: report, go on
            report.not_run(setting.name, std::string("failed: ") + error.what());
            continue;
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        const eval::Metrics metrics = eval::evaluate(runs, judged_qrels, {10, depth});
        report.measured(setting.name, metrics, judged.empty() ? 0.0 : ms / static_cast<double>(judged.size()));
        add_to_plot(plot, setting, metrics.ndcg);
    }
    report.finish();
    if (plot_file) write_plot(*plot_file, plot);
    return 0;
}

}  // namespace braid::app
