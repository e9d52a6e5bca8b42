#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/api_key_store.hpp"
#include "engine/search_request.hpp"
#include "engine/search_response.hpp"
#include "inference/call_observer.hpp"
#include "metrics/registry.hpp"
#include "storage/data_dir_lock.hpp"

namespace braid::engine {

struct CollectionStats {
    std::size_t documents = 0;
    std::size_t terms = 0;
    std::size_t postings = 0;
    std::size_t vectors = 0;
    std::size_t memory_bytes = 0;
};

struct BulkError {
    std::size_t line = 0;                 // 1-based
    std::optional<std::string> id;
    std::string type, message;
    std::string path;                     // in the line's document; "" when the line as a whole
};

struct BulkResult {
    std::size_t indexed = 0;
    std::size_t failed = 0;
    std::vector<BulkError> errors;
};

// One page of a collection's documents in id order (bytewise), as stored.
struct DocumentPage {
    std::vector<std::pair<std::string, std::string>> documents;  // id, the document's JSON text
    bool more = false;  // documents with greater ids follow the page's last one
};

class Collection;
class LocalCollection;
class RerankerSet;
class ForwardingCallObserver;

struct CatalogOptions {
    std::filesystem::path data_dir;       // empty: in memory, nothing persisted
    std::uint64_t snapshot_every_bytes = 256ull << 20;
    std::uint64_t min_free_disk_bytes = 0;  // writes refused (507) below this much free disk; 0: off
    // Written into data_dir's lock file, for a second process that is refused to name this one.
    std::string role = "braid";
    // The configuration file the configured collections come from, named when refusing to drop one.
    std::string config_file = "the configuration";
    // The configuration's "rerankers", which searches name (null: none).
    std::shared_ptr<const RerankerSet> rerankers = nullptr;
    // Where embedder and reranker calls are reported once record_metrics() attaches the metrics
    // (null: the catalog makes its own); rerankers built before the catalog share it.
    std::shared_ptr<ForwardingCallObserver> inference_observer = nullptr;
    // Cluster mode (cluster/): each collection the catalog creates is handed to `wrap`, and what it
    // returns is what get() answers (its journal is its stream; data_dir is then empty).
    // `wrap` may replace the (empty) collection it is given by one it recovered.
    std::function<std::shared_ptr<Collection>(std::shared_ptr<LocalCollection>&)> wrap = nullptr;
    // Cluster mode: create() and drop() publish to the catalog stream and return once this node's
    // follower applied them (through apply_create / apply_drop).
    std::function<void(const config::CollectionConfig&)> publish_create = nullptr;
    std::function<void(const std::string&)> publish_drop = nullptr;
};

using DataDirHolder = storage::DataDirHolder;
// The process holding `data_dir`'s lock as its lock file describes it (it may have exited since).
std::optional<DataDirHolder> data_dir_holder(const std::filesystem::path& data_dir);

// All collections of a server. Thread-safe.
class Catalog {
public:
    Catalog(CatalogOptions options, analyzers::AnalyzerRegistry analyzers);
    ~Catalog();

    // Takes data_dir's lock first: a data_dir another process holds is
    // braid::Error(conflict, "data_dir_locked") naming that process.
    // Recovers what data_dir holds, then creates the config's collections that are absent.
    // A stored collection whose schema conflicts with the config: braid::Error(conflict).
    void open(const std::vector<config::CollectionConfig>& configured);

    std::vector<std::pair<std::string, std::size_t>> list() const;  // name, live documents
    std::shared_ptr<Collection> get(const std::string& name) const;  // braid::Error(not_found)
    std::shared_ptr<Collection> create(const config::CollectionConfig& schema);  // Error(conflict)
    // Error(not_found); a collection the configuration declares: Error(conflict,
    // "collection_in_config") naming the file (it would come back, empty, at the next start).
    void drop(const std::string& name);
    // Cluster mode: what the catalog stream's follower applies (no publishing). A create of a
    // collection that exists with the same schema, or a drop of one that is gone, does nothing.
    void apply_create(const config::CollectionConfig& schema);
    void apply_drop(const std::string& name);

    const analyzers::AnalyzerRegistry& analyzers() const;
    void snapshot();   // writes a snapshot of every collection (clean shutdown)
    // From now on, journal appends, fsyncs and snapshots are recorded in `registry`, which must
    // outlive the catalog. Call once, before serving.
    void record_metrics(metrics::Registry& registry);
    // What embedders (EmbedderOptions::observer) and rerankers (inference::observed) report their
    // calls to: never null, usable before open(); recorded once record_metrics() ran.
    std::shared_ptr<const inference::CallObserver> inference_observer() const;
    // Free bytes on data_dir's disk (nullopt in memory).
    std::optional<std::uint64_t> free_disk_bytes() const;
    // Records in data_dir's lock file where this process serves HTTP.
    void advertise(const std::string& url);
    // The API keys created through the API (data_dir/keys.json; in memory without a data_dir).
    ApiKeyStore& keys();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

enum class UpsertOutcome { created, replaced };

// One collection. Thread-safe: searches run concurrently; writes are serialized.
class Collection {
public:
    virtual ~Collection() = default;

    virtual const config::CollectionConfig& schema() const = 0;
    virtual CollectionStats stats() const = 0;

    // `id` from the URL; the document's id field, when present, must equal it (else invalid_argument).
    virtual UpsertOutcome upsert(const std::string& id, boost::json::object document) = 0;
    // The same from the document's JSON text, which is stored exactly as given when it is one
    // line (numbers keep their digits); a text that is not a JSON object: Error(invalid_argument,
    // "parse_error" | "invalid_document").
    virtual UpsertOutcome upsert_text(const std::string& id, std::string_view json_text);
    // The document's JSON text with its vector; nullopt when absent.
    virtual std::optional<std::string> get_text(const std::string& id) const = 0;
    // The same, parsed.
    std::optional<boost::json::value> get(const std::string& id) const;
    virtual bool remove(const std::string& id) = 0;
    // Up to `limit` documents with ids greater than `after` (from the first when nullopt), by id.
    // Resuming after a page's last id never repeats a document and sees writes made since.
    virtual DocumentPage list_documents(const std::optional<std::string>& after, std::size_t limit) const = 0;
    // NDJSON, one document per line (blank lines skipped); a bad line fails alone.
    // Duplicate ids in one body: the last one wins.
    virtual BulkResult bulk(std::string_view ndjson) = 0;

    virtual SearchResponse search(const SearchRequest& request) const = 0;
    // What an analyzer of this server makes of a text (for /_analyze lives on Catalog::analyzers()).
};

}  // namespace braid::engine
