#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.hpp"

namespace braid::app {

struct LoadReport {
    std::size_t lines = 0;
    std::size_t indexed = 0;
    std::size_t failed = 0;
    std::vector<std::string> first_errors;   // "file:line: id: message", at most a few
};

// Takes one NDJSON batch and answers what became of each of its lines: a collection's own bulk,
// or the same through a running server.
using BulkSink = std::function<engine::BulkResult(std::string_view ndjson)>;

// Called after each batch with the bytes read so far.
using LoadProgress = std::function<void(std::uint64_t bytes_read, const LoadReport& so_far)>;

// Streams a JSONL file into a sink in bulk batches of `batch_lines` lines; a bad line fails
// alone and is reported with its line number in the file. Throws braid::Error(io) when the file
// cannot be read.
LoadReport load_source(const BulkSink& sink, const std::filesystem::path& file, std::size_t batch_lines,
                       const LoadProgress& progress);

}  // namespace braid::app
