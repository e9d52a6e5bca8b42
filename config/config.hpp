#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace braid::config {

// Every validation failure throws braid::Error(invalid_argument, "config_error", message, path)
// where message reads e.g. `collections[0].vector.dimension: expected a positive integer, got "abc"`
// and path is `collections[0].vector.dimension`.

struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 7700;
    std::string data_dir = "./data";       // resolved against the config file's folder
    unsigned threads = 0;                   // 0 = all cores
    unsigned search_workers = 0;            // searches running at once; 0 = one per usable core
    std::size_t search_queue = 1024;        // searches waiting beyond it answer 503 overloaded
    std::uint64_t max_body_bytes = 64ull << 20;
    std::optional<std::string> api_key;     // BRAID_API_KEY overrides when set (applied by app/)
    std::size_t max_k = 10000;
    std::size_t max_offset = 100000;
    std::size_t max_window = 10000;
    std::size_t max_query_terms = 1024;  // analyzed terms a search query may have
    unsigned request_timeout_ms = 30000;
    std::uint64_t snapshot_every_bytes = 256ull << 20;  // WAL size that triggers a snapshot
    std::uint64_t min_free_disk_bytes = 64ull << 20;    // below it writes answer 507; 0: no check
    unsigned release_memory_every_ms = 1000;   // 0 = never hand freed memory back to the OS
    std::optional<std::string> access_log;     // "stderr" or a file (resolved like data_dir); none: off
    std::string tls_cert, tls_key;             // "tls": {"cert", "key"} PEM files; empty: plain HTTP
    std::vector<std::string> cors_origins;     // origins ("https://app.example") or "*"; empty: no CORS

    friend bool operator==(const ServerConfig&, const ServerConfig&) = default;
};

// One synonym rule: each input stands for every output (an equivalence lists the same entries
// on both sides). `origin` names it in messages: `sets[0]`, `/etc/braid/syn.txt line 3`.
struct SynonymRuleConfig {
    std::vector<std::string> inputs;
    std::vector<std::string> outputs;
    std::string origin;

    friend bool operator==(const SynonymRuleConfig&, const SynonymRuleConfig&) = default;
};

struct AnalyzerFilterConfig {
    std::string kind;                   // nfkc_casefold | lowercase | ascii_folding | arabic_normalization |
                                        // persian_normalization | stop | stem | length | synonyms
    std::string language;               // {"stop": "english"} / {"stem": "english"}
    std::vector<std::string> words;     // {"stop": ["a", "b"]}
    std::size_t min_length = 0;         // {"length": {"min": 2, "max": 40}}
    std::size_t max_length = 0;
    // {"synonyms": {"sets": [[...]], "path": "syn.txt"}}: the sets as given, the file resolved
    // against the config file's folder, and the rules of both (sets first, then the file's).
    std::vector<std::vector<std::string>> synonym_sets;
    std::string synonym_path;
    std::vector<SynonymRuleConfig> synonym_rules;

    friend bool operator==(const AnalyzerFilterConfig&, const AnalyzerFilterConfig&) = default;
};

struct AnalyzerConfig {
    std::string name;
    std::string tokenizer = "icu";      // icu | whitespace
    std::vector<AnalyzerFilterConfig> filters;

    friend bool operator==(const AnalyzerConfig&, const AnalyzerConfig&) = default;
};

enum class FieldType { text, keyword, integer, floating, boolean };
std::string_view field_type_name(FieldType type);

struct FieldConfig {
    std::string name;
    FieldType type = FieldType::text;
    std::string analyzer = "standard";  // text fields only

    friend bool operator==(const FieldConfig&, const FieldConfig&) = default;
};

struct VectorIndexConfig {
    std::string type = "hnsw";          // hnsw | flat
    int m = 32;
    int ef_construction = 200;
    int ef_search = 100;
    std::string quantization = "none";  // none | int8

    friend bool operator==(const VectorIndexConfig&, const VectorIndexConfig&) = default;
};

// vector.embedder: how braid computes a document's vector when it has none, and a query's.
struct EmbedderConfig {
    std::string type;                   // openai | ollama | tei | static
    std::string url;                    // the service's base URL (remote types)
    std::string model;
    std::string api_key_env;            // the environment variable holding the API key ("" none)
    std::string ca_file;                // extra CA bundle (PEM) for https ("" system CAs)
    std::string path;                   // static: the model folder, resolved like data_dir
    std::vector<std::string> source;    // text fields embedded, joined by newlines; empty: all
    std::string document_prefix;
    std::string query_prefix;
    std::size_t dimensions = 0;         // Matryoshka truncation; equals vector.dimension
    std::size_t batch_size = 64;
    std::size_t max_concurrency = 4;
    unsigned timeout_ms = 30000;
    unsigned max_retries = 5;
    std::size_t query_cache = 10000;    // query embeddings kept (LRU); 0: none
    std::string on_embedder_error = "error";  // error | lexical (a search falls back to lexical)

    friend bool operator==(const EmbedderConfig&, const EmbedderConfig&) = default;
};

struct VectorConfig {
    std::string field = "embedding";
    std::size_t dimension = 0;
    std::string metric = "cosine";      // cosine | dot | l2
    VectorIndexConfig index;
    double rebuild_dead_ratio = 0.2;    // rebuild aside when this share of vectors is dead
    std::size_t exact_filter_threshold = 2000;  // filters keeping fewer documents search exactly
    std::optional<EmbedderConfig> embedder;

    friend bool operator==(const VectorConfig&, const VectorConfig&) = default;
};

struct Bm25Config {
    double k1 = 0.9;
    double b = 0.4;

    friend bool operator==(const Bm25Config&, const Bm25Config&) = default;
};

struct SourceConfig {
    std::string path;                   // resolved against the config file's folder

    friend bool operator==(const SourceConfig&, const SourceConfig&) = default;
};

struct CollectionConfig {
    std::string name;
    std::string id_field = "id";
    std::vector<FieldConfig> fields;    // in the order given
    std::optional<VectorConfig> vector;
    Bm25Config bm25;
    std::vector<SourceConfig> sources;
    std::uint32_t shards = 1;           // 1..256: documents route by a stable hash of the id

    const FieldConfig* field(std::string_view name) const;

    friend bool operator==(const CollectionConfig&, const CollectionConfig&) = default;
};

// One entry of the top-level "rerankers" object.
struct RerankerConfig {
    std::string name;
    std::string type;                   // cohere | tei
    std::string url;
    std::string model;
    std::string api_key_env;
    std::string ca_file;
    unsigned timeout_ms = 30000;
    unsigned max_retries = 2;

    friend bool operator==(const RerankerConfig&, const RerankerConfig&) = default;
};

// The top-level "cluster" section: absent, braid is one node with its local journal.
struct ClusterConfig {
    std::string node;                   // this node's name in the registry (a safe name)
    std::string advertise;              // the URL peers reach this node's API at
    std::vector<std::string> nats;      // nats:// (or tls://) URLs of the NATS servers
    unsigned replicas = 1;              // 1..5: copies of every collection's stream
    std::optional<std::vector<std::uint32_t>> holds;  // shards held of each sharded collection; none: all
    std::uint64_t snapshot_every_records = 50000;  // a snapshot of a collection after this many applied records
    std::uint64_t trim_interval_ms = 10000;        // how often streams are trimmed to what snapshots need; 0: never

    // Whether this node holds `shard` (of any collection: a shard beyond one's count is not held).
    bool holds_shard(std::uint32_t shard) const;

    friend bool operator==(const ClusterConfig&, const ClusterConfig&) = default;
};

struct Config {
    ServerConfig server;
    std::optional<ClusterConfig> cluster;
    std::vector<AnalyzerConfig> analyzers;
    std::vector<RerankerConfig> rerankers;
    std::vector<CollectionConfig> collections;

    friend bool operator==(const Config&, const Config&) = default;
};

// Names of collections and fields: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}, no "..", no separators.
bool is_safe_name(std::string_view name);

// Parses and validates a whole configuration. Relative paths are resolved against base_dir.
Config parse_config(std::string_view json_text, const std::filesystem::path& base_dir = {});
Config load_config_file(const std::filesystem::path& file);

// One collection schema (the body of PUT /collections/{name}, or one element of "collections").
// `path` prefixes error paths (e.g. "collections[0]"); `name_override` replaces/sets "name".
CollectionConfig parse_collection(const boost::json::value& value, const std::string& path,
                                  const std::optional<std::string>& name_override = std::nullopt,
                                  const std::filesystem::path& base_dir = {});

// One analyzer chain (the value of "analyzers".<name>); `path` prefixes error paths. A synonyms
// file is read at once, its path resolved against base_dir.
AnalyzerConfig parse_analyzer(const boost::json::value& value, const std::string& path, std::string name,
                              const std::filesystem::path& base_dir = {});

// One reranker (the value of "rerankers".<name>); `path` prefixes error paths.
RerankerConfig parse_reranker(const boost::json::value& value, const std::string& path, std::string name);

// The full form, defaults included; parse_collection / parse_analyzer read it back unchanged.
boost::json::value to_json(const CollectionConfig& collection);
boost::json::value to_json(const AnalyzerConfig& analyzer);
boost::json::value to_json(const EmbedderConfig& embedder);
boost::json::value to_json(const RerankerConfig& reranker);
boost::json::value to_json(const ClusterConfig& cluster);

}  // namespace braid::config
