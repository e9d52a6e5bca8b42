#include "app/runtime.hpp"

#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "engine/inference_metrics.hpp"
#include "engine/reranker_set.hpp"
#include "engine/schema.hpp"

namespace braid::app {

Error config_error_at(const Error& error, const std::string& path, const std::filesystem::path& config_file) {
    // The message starts with the error's own (shorter) path when it names one: say it once, whole.
    std::string problem = error.what();
    if (!error.path().empty() && problem.rfind(error.path() + ": ", 0) == 0) problem.erase(0, error.path().size() + 2);
    const std::string where = config_file.empty() ? "" : config_file.string() + ": ";
    return Error(error.kind(), error.type(), where + path + ": " + problem, path);
}

config::Config load_config(const std::filesystem::path& file) {
    config::Config config = config::load_config_file(file);
    if (const char* key = std::getenv("BRAID_API_KEY"); key != nullptr && *key != '\0') {
        config.server.api_key = key;
    }
    return config;
}

analyzers::AnalyzerSpec analyzer_spec(const config::AnalyzerConfig& analyzer) {
    analyzers::AnalyzerSpec spec;
    spec.tokenizer = analyzer.tokenizer;
    for (const auto& filter : analyzer.filters) {
        analyzers::FilterSpec f;
        f.kind = filter.kind;
        f.language = filter.language;
        f.words = filter.words;
        f.min_length = filter.min_length;
        f.max_length = filter.max_length;
        for (const auto& rule : filter.synonym_rules)
            f.synonyms.push_back({rule.inputs, rule.outputs, rule.origin, rule.origin.starts_with("sets[") ? rule.origin : "path"});
        spec.filters.push_back(std::move(f));
    }
    return spec;
}

// The JSON path of the member that keeps `analyzer` from being built: its first filter that fails
// on its own, e.g. analyzers.k.filters[0].stem; the analyzer itself when none does. A synonym
// entry the chain leaves empty names its own member (filters[2].synonyms.sets[0]).
std::string failing_member(const config::AnalyzerConfig& analyzer, const Error& error) {
    const std::string path = "analyzers." + analyzer.name;
    if (!error.path().empty()) return path + "." + error.path();
    const analyzers::AnalyzerSpec whole = analyzer_spec(analyzer);
    for (std::size_t i = 0; i < whole.filters.size(); ++i) {
        analyzers::AnalyzerSpec one;
        one.tokenizer = whole.tokenizer;
        one.filters.push_back(whole.filters[i]);
        try {
            analyzers::Analyzer::build("probe", one);
        } catch (const Error&) {
            const std::string& kind = analyzer.filters[i].kind;
            const bool has_member = kind == "stem" || kind == "stop" || kind == "length";
            return path + ".filters[" + std::to_string(i) + "]" + (has_member ? "." + kind : "");
        }
    }
    return path;
}

analyzers::AnalyzerRegistry build_analyzers(const config::Config& config, const std::filesystem::path& config_file) {
    auto registry = analyzers::AnalyzerRegistry::with_builtins();
    for (const auto& analyzer : config.analyzers) {
        try {
            registry.add(analyzer.name, analyzer_spec(analyzer));
        } catch (const Error& error) {
            throw config_error_at(error, failing_member(analyzer, error), config_file);
        }
    }
    return registry;
}

Runtime::~Runtime() {
    if (cluster) cluster->stop();
}

Runtime open_runtime(const std::filesystem::path& config_file, std::string role) {
    Runtime runtime;
    runtime.config = load_config(config_file);
    engine::CatalogOptions options;
    options.data_dir = runtime.config.server.data_dir;
    if (runtime.config.cluster) {
        // The collections' journals are their streams; their snapshots go to data_dir/cluster/.
        cluster::ClusterNodeOptions cluster;
        cluster.cluster = *runtime.config.cluster;
        cluster.data_dir = runtime.config.server.data_dir;
        cluster.api_key = runtime.config.server.api_key;
        runtime.cluster = std::make_unique<cluster::ClusterNode>(std::move(cluster));
        runtime.cluster->attach(options);
        options.data_dir.clear();
    }
    options.snapshot_every_bytes = runtime.config.server.snapshot_every_bytes;
    options.min_free_disk_bytes = runtime.config.server.min_free_disk_bytes;
    options.role = std::move(role);
    auto registry = build_analyzers(runtime.config, config_file);
    // What the config parser cannot check alone (analyzers named by fields exist), with the whole
    // path in the file: collections[0].fields.t.analyzer, not fields.t.analyzer.
    for (std::size_t i = 0; i < runtime.config.collections.size(); ++i) {
        try {
            engine::check_schema(runtime.config.collections[i], registry);
        } catch (const Error& error) {
            const std::string prefix = "collections[" + std::to_string(i) + "]";
            throw config_error_at(error, error.path().empty() ? prefix : prefix + "." + error.path(), config_file);
        }
    }
    options.config_file = "the config file " + config_file.string();
    try {
        options.inference_observer = std::make_shared<engine::ForwardingCallObserver>();
        options.rerankers =
            std::make_shared<const engine::RerankerSet>(runtime.config.rerankers, options.inference_observer);
    } catch (const Error& error) {  // e.g. rerankers.ms.api_key_env naming an unset variable
        throw config_error_at(error, error.path(), config_file);
    }
    runtime.catalog = std::make_unique<engine::Catalog>(std::move(options), std::move(registry));
    if (runtime.cluster) runtime.cluster->bind(*runtime.catalog);
    runtime.catalog->open(runtime.config.collections);
    if (runtime.cluster) runtime.cluster->start();
    return runtime;
}

}  // namespace braid::app
