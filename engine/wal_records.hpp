#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "config/config.hpp"

namespace braid::engine {

// The write-ahead log's records. A record is lines: a compact JSON header with an "op" member,
// then, for upsert and bulk, two lines per document: its id as a JSON string and its JSON text
// exactly as stored (so a replayed document keeps its text, numbers included, byte for byte).
//   {"op":"upsert","c":name} + id/doc      {"op":"delete","c":name,"id":id}
//   {"op":"bulk","c":name} + id/doc ...    {"op":"create","c":name,"schema":{...}}
//   {"op":"drop","c":name}
// Document texts must be single lines (compact JSON or an NDJSON line).
std::string upsert_record(std::string_view collection, std::string_view id, std::string_view doc_json);
std::string delete_record(std::string_view collection, std::string_view id);
std::string bulk_record(std::string_view collection,
                        const std::vector<std::pair<std::string_view, std::string_view>>& id_and_doc_json);
std::string create_record(const config::CollectionConfig& schema);
std::string drop_record(std::string_view collection);

struct WalRecord {
    boost::json::object header;
    std::vector<std::pair<std::string, std::string_view>> documents;  // id, JSON text (into the payload)
};
// Throws braid::Error(io, "corrupt_log") when the payload is not a record.
WalRecord decode_record(std::string_view payload);

// Whether a document's JSON text can be kept as is (it is one line).
inline bool is_single_line(std::string_view text) { return text.find_first_of("\r\n") == std::string_view::npos; }

}  // namespace braid::engine
