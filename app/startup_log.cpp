#include "app/startup_log.hpp"

namespace braid::app {

void log_collections(std::ostream& out, const engine::Catalog& catalog, const config::Config& config,
                     const std::string& config_file) {
    for (const auto& [name, documents] : catalog.list()) {
        out << "braid: collection " << name << ": " << documents << " documents\n";
        if (documents > 0) continue;
        for (const auto& schema : config.collections) {
            if (schema.name != name || schema.sources.empty()) continue;
            out << "braid: collection " << name << " has " << schema.sources.size()
                << (schema.sources.size() == 1 ? " source" : " sources")
                << " in the config but no documents yet: `serve` does not read sources; load them with "
                   "`braid index --config "
                << config_file << "` (stopped server) or `braid index --config " << config_file
                << " --url URL` (this server), or POST them to /collections/" << name << "/documents/_bulk\n";
        }
    }
}

}  // namespace braid::app
