#include "http/engine_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/error_paths.hpp"

namespace braid::http {

namespace json = boost::json;

json::value to_json(const engine::BulkResult& result) {
    json::array errors;
    for (const auto& error : result.errors) {
        json::object detail;
        detail["type"] = error.type;
        detail["message"] = error.message;
        detail["path"] = error.path.empty() ? error_path::line : std::string_view(error.path);
        json::object entry;
        entry["line"] = error.line;
        entry["id"] = error.id ? json::value(*error.id) : json::value(nullptr);
        entry["error"] = std::move(detail);
        errors.push_back(std::move(entry));
    }
    json::object out;
    out["indexed"] = result.indexed;
    out["failed"] = result.failed;
    out["errors"] = std::move(errors);
    return out;
}

json::value to_json(const engine::CollectionStats& stats) {
    json::object out;
    out["documents"] = stats.documents;
    out["terms"] = stats.terms;
    out["postings"] = stats.postings;
    out["vectors"] = stats.vectors;
    out["memory_bytes"] = stats.memory_bytes;
    return out;
}

json::value tokens_json(const std::vector<analyzers::Token>& tokens) {
    json::array list;
    list.reserve(tokens.size());
    for (const auto& token : tokens) {
        json::object entry;
        entry["token"] = token.text;
        entry["position"] = token.position;
        entry["start"] = token.start;
        entry["end"] = token.end;
        list.push_back(std::move(entry));
    }
    json::object out;
    out["tokens"] = std::move(list);
    return out;
}

}  // namespace braid::http
