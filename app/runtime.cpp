#include "app/runtime.hpp"

#include <cstdlib>

#include "engine/reranker_set.hpp"

namespace braid::app {

config::Config load_config(const std::filesystem::path& file) {
    config::Config config = config::load_config_file(file);
    if (const char* key = std::getenv("BRAID_API_KEY"); key != nullptr && *key != '\0') {
        config.server.api_key = key;
    }
    return config;
}

analyzers::AnalyzerRegistry build_analyzers(const config::Config& config) {
    auto registry = analyzers::AnalyzerRegistry::with_builtins();
    for (const auto& analyzer : config.analyzers) {
        analyzers::AnalyzerSpec spec;
        spec.tokenizer = analyzer.tokenizer;
        for (const auto& filter : analyzer.filters) {
            analyzers::FilterSpec f;
            f.kind = filter.kind;
            f.language = filter.language;
            f.words = filter.words;
            f.min_length = filter.min_length;
            f.max_length = filter.max_length;
            spec.filters.push_back(std::move(f));
        }
        registry.add(analyzer.name, spec);
    }
    return registry;
}

Runtime open_runtime(const std::filesystem::path& config_file, std::string role) {
    Runtime runtime;
    runtime.config = load_config(config_file);
    engine::CatalogOptions options;
    options.data_dir = runtime.config.server.data_dir;
    options.snapshot_every_bytes = runtime.config.server.snapshot_every_bytes;
    options.min_free_disk_bytes = runtime.config.server.min_free_disk_bytes;
    options.role = std::move(role);
    options.rerankers = std::make_shared<const engine::RerankerSet>(runtime.config.rerankers);
    runtime.catalog =
        std::make_unique<engine::Catalog>(std::move(options), build_analyzers(runtime.config));
    runtime.catalog->open(runtime.config.collections);
    return runtime;
}

}  // namespace braid::app
