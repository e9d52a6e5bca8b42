#include "core/error_types.hpp"

#include <algorithm>
#include <array>

namespace braid {

namespace {

using K = ErrorKind;

constexpr auto kTypes = std::to_array<ErrorTypeInfo>({
    {"parse_error", K::invalid_argument, "a body or NDJSON line that is not valid JSON (the message gives the byte offset)"},
    {"invalid_request", K::invalid_argument, "a request member with a wrong type or value (the path names it)"},
    {"unknown_member", K::invalid_argument, "a request member braid does not know (with a suggestion when one is close)"},
    {"concatenated_documents", K::invalid_argument, "an NDJSON line holding several documents: the newlines were lost (use curl --data-binary, not -d)"},
    {"invalid_document", K::invalid_argument, "a document that is not a JSON object, or whose id is missing or wrong"},
    {"invalid_vector", K::invalid_argument, "a vector of the wrong dimension, with a non-finite number, or zero under cosine"},
    {"invalid_filter", K::invalid_argument, "a filter on an unknown or unfilterable field, or with a value of the wrong type"},
    {"invalid_fusion", K::invalid_argument, "fusion parameters out of range (alpha, k, window, weights, method)"},
    {"invalid_boost", K::invalid_argument, "a field boost that is negative or not finite"},
    {"invalid_query", K::invalid_argument, "a search that cannot run as asked (no query or vector, a side the collection lacks, field boosts)"},
    {"too_many_query_terms", K::invalid_argument, "a search query with more analyzed terms than server.max_query_terms (default 1,024)"},
    {"invalid_query_syntax", K::invalid_argument, "a query in the simple syntax that is malformed (the message names the byte offset)"},
    {"unsupported_on_shards", K::invalid_argument, "a member a search fanned out over a sharded collection cannot run yet (facets, rerank, the simple syntax, minimum_should_match, synonyms); `path` names it"},
    {"positions_unavailable", K::invalid_argument, "a phrase over an index loaded from a snapshot written without term positions (re-index)"},
    {"invalid_name", K::invalid_argument, "a collection name outside [A-Za-z0-9_.-], too long, or with \"..\""},
    {"invalid_path", K::invalid_argument, "a request path that is not valid UTF-8 once percent-decoded"},
    {"invalid_schema", K::invalid_argument, "a collection schema braid cannot accept (server-side sources over the API; neither a text field nor a vector)"},
    {"config_error", K::invalid_argument, "a configuration or schema member with a wrong type or value (the path names it)"},
    {"invalid_analyzer", K::invalid_argument, "an analyzer chain that cannot be built"},
    {"unknown_analyzer", K::invalid_argument, "an analyzer name that is not defined"},
    {"unknown_field", K::invalid_argument, "a field name the collection's schema does not have"},
    {"text_too_large", K::invalid_argument, "a text field larger than the analyzer accepts"},
    {"record_too_large", K::invalid_argument, "a write larger than one journal record may be"},
    {"invalid_bm25", K::invalid_argument, "BM25 parameters out of range"},
    {"bad_ordinal", K::invalid_argument, "a document number out of range (internal misuse)"},
    {"usage", K::invalid_argument, "a command-line mistake (braid CLI only)"},
    {"invalid_dataset", K::invalid_argument, "a BEIR folder or qrels file braid cannot read (braid eval)"},
    {"bad_request", K::invalid_argument, "a malformed HTTP request"},
    {"header_too_large", K::header_too_large, "a request header over 64 KiB"},
    {"route_not_found", K::not_found, "no route for this method and path"},
    {"method_not_allowed", K::method_not_allowed, "the path exists but not with this method (see Allow)"},
    {"unauthorized", K::unauthorized, "no API key, a wrong one, or an expired one"},
    {"forbidden", K::forbidden, "a valid API key that may not take this action or use this collection"},
    {"collection_not_found", K::not_found, "no collection of that name"},
    {"document_not_found", K::not_found, "no document with that id"},
    {"key_not_found", K::not_found, "no API key with that id"},
    {"collection_exists", K::conflict, "a collection of that name exists"},
    {"collection_in_config", K::conflict, "the collection is declared in the config file: remove it there to delete it"},
    {"schema_conflict", K::conflict, "a stored collection's schema differs from the configuration's"},
    {"data_dir_locked", K::conflict, "another process holds the data directory"},
    {"keys_disabled", K::conflict, "API keys need an admin key (server.api_key) first"},
    {"key_exists", K::conflict, "an API key with that id exists"},
    {"payload_too_large", K::payload_too_large, "a body over server.max_body_bytes"},
    {"unsupported_media_type", K::unsupported_media_type, "a body without the Content-Type the route expects"},
    {"io_error", K::io, "the disk failed a read or write; nothing unacknowledged was applied"},
    {"journal_failed", K::io, "an earlier journal write or sync failed: writes are refused until a restart (reads go on)"},
    {"insufficient_storage", K::insufficient_storage, "the data directory's disk is full, or below server.min_free_disk_bytes: writes are refused, reads go on"},
    {"corrupt_index", K::io, "an index file failed its checksum or structure check"},
    {"corrupt_keys", K::io, "data_dir/keys.json cannot be read"},
    {"corrupt_log", K::io, "the write-ahead log is damaged before its tail"},
    {"corrupt_snapshot", K::io, "a snapshot failed its checksums"},
    {"index_file", K::io, "an index file cannot be read or written"},
    {"listen_failed", K::io, "the server cannot listen on its address"},
    {"connect_failed", K::io, "a client connection failed (braid eval --url, index --url)"},
    {"write_failed", K::io, "a write to a client connection failed"},
    {"request_failed", K::io, "a running server answered a CLI request with an error"},
    {"shard_unavailable", K::unavailable, "a shard of a sharded collection has no live holder (the message names it)"},
    {"sequence_not_applied", K::unavailable, "cluster: this node has not applied the log through the sequence asked (min_sequence) or its own write in time"},
    {"nats_unavailable", K::unavailable, "cluster: no NATS server answers, or the stream has no quorum"},
    {"nats_timeout", K::unavailable, "cluster: NATS did not acknowledge in time (the write may be stored: retry it)"},
    {"log_trimmed", K::not_found, "cluster: a follower asked for records the stream trimmed (it starts from a peer's snapshot)"},
    {"corrupt_record", K::internal, "cluster: a stream record braid cannot read"},
    {"upstream_unavailable", K::unavailable, "an outside service (embedder, reranker) cannot be reached or is overloaded"},
    {"overloaded", K::unavailable, "the search queue is full (server.search_queue): retry shortly"},
    {"upstream_error", K::bad_gateway, "an outside service answered with an error or nonsense"},
    {"embedder_unavailable", K::unavailable, "the embedder cannot be reached, timed out, or keeps answering 429/5xx"},
    {"embedder_error", K::bad_gateway, "the embedder answered with an error or an unusable answer"},
    {"embedder_dimensions", K::invalid_argument, "the embedding model answers fewer dimensions than configured"},
    {"reranker_unavailable", K::unavailable, "the reranker cannot be reached, timed out, or keeps answering 429/5xx"},
    {"reranker_error", K::bad_gateway, "the reranker answered with an error or an unusable answer"},
    {"invalid_model", K::invalid_argument, "a static embedding model whose files cannot be used"},
    {"invalid_url", K::invalid_argument, "a service URL braid cannot use"},
    {"invalid_embedder", K::invalid_argument, "an embedder configuration braid cannot use"},
    {"invalid_reranker", K::invalid_argument, "a reranker configuration braid cannot use"},
    {"unknown_reranker", K::invalid_argument, "a search's rerank.reranker that the configuration's \"rerankers\" do not define"},
    {"icu_error", K::internal, "ICU failed while analyzing text"},
    {"stemmer_error", K::internal, "Snowball failed to load a stemmer"},
    {"snapshot_layout", K::internal, "a snapshot folder braid did not write"},
    {"wal_not_open", K::internal, "a write reached a closed journal"},
    {"already_open", K::internal, "a catalog opened twice"},
    {"internal", K::internal, "a bug: please report it with the request"},
});

}  // namespace

std::span<const ErrorTypeInfo> error_types() { return kTypes; }

const ErrorTypeInfo* find_error_type(std::string_view name) {
    const auto it = std::find_if(kTypes.begin(), kTypes.end(), [&](const ErrorTypeInfo& t) { return t.name == name; });
    return it == kTypes.end() ? nullptr : &*it;
}

}  // namespace braid
