#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "app/remote_bulk.hpp"
#include "app/server_url.hpp"
#include "app/source_loader.hpp"
#include "core/error.hpp"

namespace braid::app {
namespace {

// A one-line progress bar on stderr, redrawn in place.
void draw_progress(const std::string& label, double fraction, std::size_t documents, double seconds) {
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r%-20.20s [%s] %3d%%  %zu docs  %.0f docs/s ", label.c_str(), bar.c_str(),
                 static_cast<int>(fraction * 100), documents, seconds > 0 ? documents / seconds : 0.0);
    std::fflush(stderr);
}

// Where each collection's batches go: its own bulk in this process, or a running server's.
using SinkFor = std::function<BulkSink(const config::CollectionConfig&)>;

struct Totals {
    std::size_t indexed = 0, failed = 0, sources = 0;
};

Totals load_all_sources(const config::Config& config, const SinkFor& sink_for, std::size_t batch,
                        const std::function<double()>& elapsed) {
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    Totals totals;
    for (const auto& schema : config.collections) {
        if (schema.sources.empty()) continue;
        const BulkSink sink = sink_for(schema);
        for (const auto& source : schema.sources) {
            const std::filesystem::path file = source.path;
            const std::uint64_t size =
                std::filesystem::exists(file) ? std::filesystem::file_size(file) : 0;
            const std::string label = schema.name + " " + file.filename().string();
            const std::size_t before = totals.indexed;
            LoadProgress progress;
            if (terminal) {
                progress = [&](std::uint64_t bytes, const LoadReport& so_far) {
                    draw_progress(label, size ? std::min(1.0, double(bytes) / double(size)) : 1.0,
                                  before + so_far.indexed, elapsed());
                };
            }
            const LoadReport report = load_source(sink, file, batch, progress);
            if (terminal) std::fputc('\n', stderr);
            totals.indexed += report.indexed;
            totals.failed += report.failed;
            ++totals.sources;
            for (const auto& error : report.first_errors) std::cerr << "  failed: " << error << "\n";
            if (report.failed > report.first_errors.size()) {
                std::cerr << "  ... and " << report.failed - report.first_errors.size()
                          << " more failed lines\n";
            }
            std::cerr << schema.name << ": " << report.indexed << " indexed, " << report.failed
                      << " failed from " << file.string() << "\n";
        }
    }
    return totals;
}

// Opens the catalog on data_dir; when a running server holds it, says how to load through it.
Runtime open_for_indexing(const std::string& config_file) {
    try {
        return open_runtime(config_file, "braid index");
    } catch (const Error& error) {
        if (error.type() != "data_dir_locked") throw;
        const auto holder = engine::data_dir_holder(load_config(config_file).server.data_dir);
        const std::string url = holder && !holder->url.empty() ? holder->url : "http://HOST:PORT";
        throw Error(ErrorKind::conflict, "data_dir_locked",
                    std::string(error.what()) + "; load through the running server instead: braid index --config " +
                        config_file + " --url " + url);
    }
}

}  // namespace

int index_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "batch", "url"}, {"allow-errors"});
    const std::size_t batch = args.number("batch").value_or(1000);
    if (batch == 0) throw Error(ErrorKind::invalid_argument, "usage", "--batch must be positive");
    const std::string config_file = args.required("config");
    const auto started = std::chrono::steady_clock::now();
    const std::function<double()> elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };

    Totals totals;
    if (const auto url = args.value("url")) {
        const ServerAddress server = parse_server_url(*url);
        const config::Config config = load_config(config_file);
        totals = load_all_sources(
            config,
            [&](const config::CollectionConfig& schema) {
                return remote_bulk_sink(server, schema.name, config.server.api_key);
            },
            batch, elapsed);
    } else {
        Runtime runtime = open_for_indexing(config_file);
        totals = load_all_sources(
            runtime.config,
            [&](const config::CollectionConfig& schema) -> BulkSink {
                auto collection = runtime.catalog->get(schema.name);
                return [collection](std::string_view ndjson) { return collection->bulk(ndjson); };
            },
            batch, elapsed);
        runtime.catalog->snapshot();
    }
    const double seconds = elapsed();
    std::printf("indexed %zu documents (%zu failed) from %zu sources in %.2f s (%.0f docs/s)\n", totals.indexed,
                totals.failed, totals.sources, seconds, seconds > 0 ? totals.indexed / seconds : 0.0);
    // The good lines are indexed either way; a failed line is still a failure to a script.
    if (totals.failed > 0 && !args.flag("allow-errors")) {
        std::cerr << "braid index: " << totals.failed
                  << " lines failed (exit status 1; --allow-errors accepts failed lines)\n";
        return 1;
    }
    return 0;
}

}  // namespace braid::app
