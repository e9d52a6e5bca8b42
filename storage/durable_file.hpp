#pragma once
#include <filesystem>
#include <string_view>

namespace braid::storage {

// Writes `bytes` to `file` (created or replaced) and fsyncs it. Throws braid::Error(io).
// The new directory entry is durable only once the folder is fsynced too.
void write_file_durably(const std::filesystem::path& file, std::string_view bytes);
// fsyncs a folder so that entries created, renamed or removed in it survive a crash.
void fsync_directory(const std::filesystem::path& dir);
// Creates `dir` and any missing parents, fsyncing the folder each new one was created in, so the
// whole chain survives a crash (a new folder is only an entry in its parent until that is synced).
void create_directories_durably(const std::filesystem::path& dir);

}  // namespace braid::storage
