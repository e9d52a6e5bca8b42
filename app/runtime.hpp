#pragma once
#include <filesystem>
#include <memory>

#include "config/config.hpp"
#include "engine/catalog.hpp"

namespace braid::app {

// What every subcommand that touches data starts from: the configuration (with BRAID_API_KEY
// applied) and the catalog opened on its data_dir.
struct Runtime {
    config::Config config;
    std::unique_ptr<engine::Catalog> catalog;
};

config::Config load_config(const std::filesystem::path& file);
// The built-in analyzers plus the configuration's named chains.
analyzers::AnalyzerRegistry build_analyzers(const config::Config& config);
Runtime open_runtime(const std::filesystem::path& config_file);

}  // namespace braid::app
