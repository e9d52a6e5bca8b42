#pragma once
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace braid::engine {

// A key created through the API, as stored: never the key itself, only its SHA-256.
struct ApiKeyRecord {
    std::string id;                        // public handle ("k_…"), for listing and deleting
    std::string secret_sha256;             // hex
    std::vector<std::string> actions;      // "search", "documents.read", ..., or "*"
    std::vector<std::string> collections;  // patterns, "*" for all
    std::optional<std::int64_t> expires_at;  // Unix seconds
    std::int64_t created_at = 0;
    std::string description;

    friend bool operator==(const ApiKeyRecord&, const ApiKeyRecord&) = default;
};

// The created keys of a server, in `<data_dir>/keys.json`, rewritten whole and made durable
// (temporary file, fsync, rename, fsync of the folder) before add() or remove() returns.
// Thread-safe.
class ApiKeyStore {
public:
    // Empty `file`: kept in memory only. A file that is there but unreadable: Error(io, "corrupt_keys").
    explicit ApiKeyStore(std::filesystem::path file);

    void add(ApiKeyRecord record);          // Error(conflict) when the id exists
    bool remove(const std::string& id);
    std::vector<ApiKeyRecord> list() const;
    std::optional<ApiKeyRecord> find_by_hash(const std::string& secret_sha256) const;

private:
    void save() const;  // call holding mutex_

    std::filesystem::path file_;
    mutable std::mutex mutex_;
    std::vector<ApiKeyRecord> keys_;
};

}  // namespace braid::engine
