#pragma once
#include <ostream>
#include <string>

#include "config/config.hpp"
#include "engine/catalog.hpp"

namespace braid::app {

// What `serve` says at startup about each collection: its document count and, when a collection
// with "sources" in the config holds no document, how to load them (`serve` never reads sources).
void log_collections(std::ostream& out, const engine::Catalog& catalog, const config::Config& config,
                     const std::string& config_file);

}  // namespace braid::app
