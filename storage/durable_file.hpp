#pragma once
#include <filesystem>
#include <string_view>

namespace braid::storage {

// Writes `bytes` to `file` (created or replaced) and fsyncs it. Throws braid::Error(io).
// The new directory entry is durable only once the folder is fsynced too.
void write_file_durably(const std::filesystem::path& file, std::string_view bytes);
// fsyncs a folder so that entries created, renamed or removed in it survive a crash.
void fsync_directory(const std::filesystem::path& dir);

}  // namespace braid::storage
