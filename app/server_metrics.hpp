#pragma once
#include "engine/catalog.hpp"
#include "http/server.hpp"
#include "metrics/registry.hpp"

namespace braid::app {

// Scrape-time figures of a serving process: each collection's size, the process's resident
// memory, the open connections. Both objects must outlive the registry's last render().
void add_serve_collectors(metrics::Registry& registry, const engine::Catalog& catalog, const http::Server& server);

}  // namespace braid::app
