#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/catalog.hpp"

namespace braid::app {

struct LoadReport {
    std::size_t lines = 0;
    std::size_t indexed = 0;
    std::size_t failed = 0;
    std::vector<std::string> first_errors;   // "file:line: id: message", at most a few
};

// Called after each batch with the bytes read so far.
using LoadProgress = std::function<void(std::uint64_t bytes_read, const LoadReport& so_far)>;

// Streams a JSONL file into a collection in bulk batches of `batch_lines` lines; a bad line fails
// alone and is reported with its line number in the file. Throws braid::Error(io) when the file
// cannot be read.
LoadReport load_source(engine::Collection& collection, const std::filesystem::path& file,
                       std::size_t batch_lines, const LoadProgress& progress);

}  // namespace braid::app
