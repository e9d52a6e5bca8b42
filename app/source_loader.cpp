#include "app/source_loader.hpp"

#include <fstream>

#include "core/error.hpp"

namespace braid::app {
namespace {

constexpr std::size_t max_reported_errors = 10;

void absorb(const engine::BulkResult& result, std::size_t first_line, const std::filesystem::path& file,
            LoadReport& report) {
    report.indexed += result.indexed;
    report.failed += result.failed;
    for (const auto& error : result.errors) {
        if (report.first_errors.size() >= max_reported_errors) break;
        report.first_errors.push_back(file.string() + ":" + std::to_string(first_line + error.line - 1) +
                                      ": " + (error.id ? "id " + *error.id + ": " : "") + error.type +
                                      ": " + error.message);
    }
}

}  // namespace

LoadReport load_source(const BulkSink& sink, const std::filesystem::path& file, std::size_t batch_lines,
                       const LoadProgress& progress) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, "io_error", "cannot read source " + file.string());
    LoadReport report;
    std::string batch, line;
    std::size_t batch_first_line = 1, in_batch = 0;
    std::uint64_t bytes = 0;
    auto flush = [&] {
        if (in_batch == 0) return;
        absorb(sink(batch), batch_first_line, file, report);
        batch_first_line += in_batch;
        batch.clear();
        in_batch = 0;
        if (progress) progress(bytes, report);
    };
    while (std::getline(in, line)) {
        bytes += line.size() + 1;
        ++report.lines;
        batch += line;
        batch += '\n';
        if (++in_batch == batch_lines) flush();
    }
    if (in.bad()) throw Error(ErrorKind::io, "io_error", "error while reading " + file.string());
    flush();
    return report;
}

}  // namespace braid::app
