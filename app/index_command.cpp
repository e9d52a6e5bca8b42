#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
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

}  // namespace

int index_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "batch"}, {});
    const std::size_t batch = args.number("batch").value_or(1000);
    if (batch == 0) throw Error(ErrorKind::invalid_argument, "usage", "--batch must be positive");
    Runtime runtime = open_runtime(args.required("config"));
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };

    std::size_t indexed = 0, failed = 0, sources = 0;
    for (const auto& schema : runtime.config.collections) {
        auto collection = runtime.catalog->get(schema.name);
        for (const auto& source : schema.sources) {
            const std::filesystem::path file = source.path;
            const std::uint64_t size =
                std::filesystem::exists(file) ? std::filesystem::file_size(file) : 0;
            const std::string label = schema.name + " " + file.filename().string();
            const std::size_t before = indexed;
            LoadProgress progress;
            if (terminal) {
                progress = [&](std::uint64_t bytes, const LoadReport& so_far) {
                    draw_progress(label, size ? std::min(1.0, double(bytes) / double(size)) : 1.0,
                                  before + so_far.indexed, elapsed());
                };
            }
            const LoadReport report = load_source(*collection, file, batch, progress);
            if (terminal) std::fputc('\n', stderr);
            indexed += report.indexed;
            failed += report.failed;
            ++sources;
            for (const auto& error : report.first_errors) std::cerr << "  failed: " << error << "\n";
            if (report.failed > report.first_errors.size()) {
                std::cerr << "  ... and " << report.failed - report.first_errors.size()
                          << " more failed lines\n";
            }
            std::cerr << schema.name << ": " << report.indexed << " indexed, " << report.failed
                      << " failed from " << file.string() << "\n";
        }
    }
    runtime.catalog->snapshot();
    const double seconds = elapsed();
    std::printf("indexed %zu documents (%zu failed) from %zu sources in %.2f s (%.0f docs/s)\n", indexed,
                failed, sources, seconds, seconds > 0 ? indexed / seconds : 0.0);
    return 0;
}

}  // namespace braid::app
