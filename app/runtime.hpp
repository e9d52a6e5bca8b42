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
// `role` names this process in data_dir's lock file ("braid serve", ...); a data_dir another
// process holds is braid::Error(conflict, "data_dir_locked") naming it.
Runtime open_runtime(const std::filesystem::path& config_file, std::string role = "braid");

}  // namespace braid::app
