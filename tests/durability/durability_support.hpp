#pragma once
// Shared pieces of the durability tests: a temporary data folder with a config file, the test
// collection's schema, deterministic documents, and the on-disk layout of the log and snapshots.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "tests/support/braid_process.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/temp_dir.hpp"

namespace braid::durability {

using test_support::BraidServer;
using test_support::HttpClient;
using test_support::HttpResponse;
using test_support::TransportError;

inline constexpr const char* kCollection = "docs";
inline constexpr std::size_t kDimension = 8;

// A fresh folder (removed at scope exit) holding `braid.json` and the server's `data/`.
class ServerHome {
public:
    const std::filesystem::path& root() const { return dir_.path(); }
    std::filesystem::path data_dir() const { return root() / "data"; }
    std::filesystem::path config_file() const { return root() / "braid.json"; }
    std::filesystem::path stderr_file(const std::string& label) const { return root() / ("stderr-" + label + ".txt"); }
    // A server's options: its stderr goes to stderr_file(label).
    test_support::ServeOptions serve_options(const std::string& label) const {
        return test_support::ServeOptions::with_stderr_file(stderr_file(label));
    }

    // Writes braid.json: port 0, this data_dir, `threads` HTTP threads, the given collections (JSON texts).
    void write_config(const std::vector<std::string>& collections, std::uint64_t snapshot_every_bytes,
                      unsigned threads = 4) const;

private:
    test_support::TempDir dir_{"braid-durability"};
};

// The test collection: title/body text, tag keyword, year integer, an 8-d cosine HNSW vector.
std::string collection_schema(const std::string& name, std::size_t dimension = kDimension);

// Document `id` at `version`: every field derives from both, so a stale version is detectable.
std::string document_json(const std::string& id, int version);
// A lowercase word found only in that document version (for lexical search checks).
std::string unique_word(const std::string& id, int version);
std::vector<float> document_vector(const std::string& id, int version);

boost::json::value parse_json(const std::string& text);

// GET /collections/{c}/documents/{id}: the stored version, nullopt when 404; throws on anything else.
// The full document is checked against document_json(id, version).
std::optional<int> stored_version(HttpClient& client, const std::string& collection, const std::string& id);
// Live documents of a collection per GET /collections; nullopt when the collection is absent.
std::optional<std::size_t> listed_documents(HttpClient& client, const std::string& collection);
// Ids of the top-k hits of a search body.
std::vector<std::string> search_ids(HttpClient& client, const std::string& collection, const std::string& body);
std::string lexical_search_body(const std::string& word, std::size_t k);
std::string vector_search_body(const std::vector<float>& vector, std::size_t k);

// Log segments (data/wal/wal-<first sequence>.log) ordered by first sequence.
std::vector<std::filesystem::path> wal_segments(const std::filesystem::path& data_dir);
struct LogRecordSpan {
    std::uint64_t offset = 0;   // of the header
    std::uint64_t size = 0;     // header + payload
    std::string payload;
};
// Parses a segment's records with the documented layout (magic, length, sequence, crc, payload).
std::vector<LogRecordSpan> log_records(const std::filesystem::path& segment);
// Snapshot folders (data/snapshots/snap-<sequence>) ordered by sequence.
std::vector<std::filesystem::path> snapshot_dirs(const std::filesystem::path& data_dir);

std::string read_bytes(const std::filesystem::path& file);
void write_bytes(const std::filesystem::path& file, const std::string& bytes);
void flip_byte(const std::filesystem::path& file, std::uint64_t offset);

}  // namespace braid::durability
