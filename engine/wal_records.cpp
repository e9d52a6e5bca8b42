#include "engine/wal_records.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"

namespace braid::engine {

namespace {

std::string quoted(std::string_view text) { return boost::json::serialize(boost::json::string(text)); }

std::string head(std::string_view op, std::string_view collection) {
    return "{\"op\":\"" + std::string(op) + "\",\"c\":" + quoted(collection);
}

void append_document(std::string& out, std::string_view id, std::string_view doc_json) {
    out += '\n';
    out += quoted(id);
    out += '\n';
    out += doc_json;
}

[[noreturn]] void corrupt(const std::string& why) {
    throw Error(ErrorKind::io, "corrupt_log", "write-ahead log record: " + why);
}

// The next line of `rest` (consumed).
std::string_view next_line(std::string_view& rest) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    return line;
}

}  // namespace

std::string upsert_record(std::string_view collection, std::string_view id, std::string_view doc_json) {
    std::string out = head("upsert", collection) + "}";
    append_document(out, id, doc_json);
    return out;
}

std::string delete_record(std::string_view collection, std::string_view id) {
    return head("delete", collection) + ",\"id\":" + quoted(id) + "}";
}

std::string bulk_record(std::string_view collection,
                        const std::vector<std::pair<std::string_view, std::string_view>>& id_and_doc_json) {
    std::string out = head("bulk", collection) + "}";
    for (const auto& [id, doc] : id_and_doc_json) append_document(out, id, doc);
    return out;
}

std::string create_record(const config::CollectionConfig& schema) {
    return head("create", schema.name) + ",\"schema\":" + boost::json::serialize(config::to_json(schema)) + "}";
}

std::string drop_record(std::string_view collection) { return head("drop", collection) + "}"; }

WalRecord decode_record(std::string_view payload) {
    WalRecord record;
    boost::system::error_code ec;
    boost::json::value header = boost::json::parse(next_line(payload), ec);
    if (ec || !header.is_object()) corrupt("the header is not a JSON object");
    record.header = std::move(header.get_object());
    while (!payload.empty()) {
        const boost::json::value id = boost::json::parse(next_line(payload), ec);
        if (ec || !id.is_string()) corrupt("a document id is not a JSON string");
        if (payload.empty()) corrupt("a document id has no document");
        record.documents.emplace_back(std::string(id.get_string()), next_line(payload));
    }
    return record;
}

}  // namespace braid::engine
