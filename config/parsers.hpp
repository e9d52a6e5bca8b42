#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "config/config.hpp"

namespace braid::config::detail {

ServerConfig parse_server(const boost::json::value& value, const std::string& path,
                          const std::filesystem::path& base_dir);
std::vector<AnalyzerConfig> parse_analyzers(const boost::json::value& value, const std::string& path,
                                            const std::filesystem::path& base_dir);
ClusterConfig parse_cluster(const boost::json::value& value, const std::string& path);
std::vector<RerankerConfig> parse_rerankers(const boost::json::value& value, const std::string& path);
// vector.embedder; `dimension` is the vector's, which `dimensions` must equal.
EmbedderConfig parse_embedder(const boost::json::value& value, const std::string& path, std::size_t dimension,
                              const std::filesystem::path& base_dir);

// `relative` resolved against `base_dir` (unchanged when absolute or base_dir is empty).
std::string resolve_path(const std::string& relative, const std::filesystem::path& base_dir);

}  // namespace braid::config::detail
