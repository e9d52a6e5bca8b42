#pragma once
#include <filesystem>
#include <memory>

#include "cluster/cluster_node.hpp"
#include "config/config.hpp"
#include "core/error.hpp"
#include "engine/catalog.hpp"

namespace braid::app {

// What every subcommand that touches data starts from: the configuration (with BRAID_API_KEY
// applied) and the catalog opened on its data_dir.
struct Runtime {
    Runtime() = default;
    Runtime(Runtime&&) = default;
    Runtime& operator=(Runtime&&) = default;
    ~Runtime();  // stops the cluster's followers before the catalog goes

    config::Config config;
    std::unique_ptr<cluster::ClusterNode> cluster;  // with a "cluster" section; outlives the catalog
    std::unique_ptr<engine::Catalog> catalog;
};

config::Config load_config(const std::filesystem::path& file);
// The built-in analyzers plus the configuration's named chains. A chain that cannot be built is an
// error naming its member (analyzers.k.filters[0].stem) and, when given, the config file.
analyzers::AnalyzerRegistry build_analyzers(const config::Config& config,
                                            const std::filesystem::path& config_file = {});
// `error` re-issued at `path` of the config file: "FILE: PATH: problem", with `path` as its path.
Error config_error_at(const Error& error, const std::string& path, const std::filesystem::path& config_file);
// `role` names this process in data_dir's lock file ("braid serve", ...); a data_dir another
// process holds is braid::Error(conflict, "data_dir_locked") naming it.
Runtime open_runtime(const std::filesystem::path& config_file, std::string role = "braid");

}  // namespace braid::app
