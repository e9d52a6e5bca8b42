#pragma once
// A snapshot folder as one body, for GET /_cluster/snapshot/{collection}: every regular file
// under it as "<relative path>\n<size>\n<bytes>", in path order. Unpacked into an empty folder it
// is the same snapshot, which LocalCollection::load_snapshot reads (indexes included).
#include <filesystem>
#include <string>
#include <string_view>

namespace braid::cluster {

std::string pack_snapshot(const std::filesystem::path& dir);
// Throws braid::Error(io, "corrupt_snapshot") for a body pack_snapshot did not write, or a
// path that would leave `dir`.
void unpack_snapshot(std::string_view archive, const std::filesystem::path& dir);

}  // namespace braid::cluster
