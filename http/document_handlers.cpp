#include <charconv>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "http/document_list.hpp"
#include "http/engine_json.hpp"
#include "http/handlers.hpp"
#include "http/json_body.hpp"
#include "http/responses.hpp"
#include "engine/write_sequence.hpp"

namespace braid::http::handlers {

namespace json = boost::json;

namespace {

// A replicated write's position in its collection's log (cluster/), for "min_sequence".
void add_sequence(json::object& out) {
    if (const auto sequence = engine::noted_write_sequence()) out["sequence"] = *sequence;
}

}  // namespace

Response put_document(engine::Catalog& catalog, const std::string& name, const std::string& id,
                      const Request& request) {
    auto collection = catalog.get(name);
    json::value body = parse_json_body(request.body);
    if (!body.is_object()) {
        throw Error(ErrorKind::invalid_argument, "invalid_document",
                    "a document must be a JSON object, got " + describe(body));
    }
    // The text, not the parsed object: the stored document keeps the client's exact numbers.
    engine::clear_write_sequence();
    const auto outcome = collection->upsert_text(id, request.body);
    const bool created = outcome == engine::UpsertOutcome::created;
    json::object out;
    out["id"] = id;
    out["result"] = created ? "created" : "replaced";
    add_sequence(out);
    return json_response(created ? 201 : 200, out);
}

Response get_document(const engine::Catalog& catalog, const std::string& name, const std::string& id) {
    const auto document = catalog.get(name)->get_text(id);
    if (!document) {
        throw Error(ErrorKind::not_found, "document_not_found",
                    "no document \"" + id + "\" in collection \"" + name + "\"");
    }
    std::string body = "{\"id\":";
    append_json_string(body, id);
    body += ",\"document\":";
    body += *document;  // the stored bytes, spliced in
    body += '}';
    return json_text_response(200, std::move(body));
}

Response delete_document(engine::Catalog& catalog, const std::string& name, const std::string& id) {
    engine::clear_write_sequence();
    if (!catalog.get(name)->remove(id)) {
        throw Error(ErrorKind::not_found, "document_not_found",
                    "no document \"" + id + "\" in collection \"" + name + "\"");
    }
    json::object out;
    out["id"] = id;
    out["deleted"] = true;
    add_sequence(out);
    return json_response(200, out);
}

Response list_documents(const engine::Catalog& catalog, const std::string& name, const Request& request) {
    const auto collection = catalog.get(name);
    std::size_t limit = kDefaultListLimit;
    if (const auto text = query_parameter(request.target, "limit")) {
        std::size_t parsed = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
        if (ec != std::errc{} || end != text->data() + text->size() || parsed == 0 || parsed > kMaxListLimit)
            throw Error(ErrorKind::invalid_argument, "invalid_request",
                        "limit: expected an integer from 1 to " + std::to_string(kMaxListLimit) + ", got \"" + *text +
                            "\" (the limit is " + std::to_string(kMaxListLimit) + " documents per page)",
                        "limit");
        limit = parsed;
    }
    std::optional<std::string> after;
    if (const auto cursor = query_parameter(request.target, "cursor"); cursor && !cursor->empty())
        after = id_of_cursor(*cursor);
    const engine::DocumentPage page = collection->list_documents(after, limit);
    json::array documents;
    documents.reserve(page.documents.size());
    for (const auto& [id, text] : page.documents)
        documents.push_back(json::object{{"id", id}, {"document", json::parse(text)}});
    json::object out;
    out["documents"] = std::move(documents);
    out["next_cursor"] = page.more ? json::value(cursor_after(page.documents.back().first)) : json::value(nullptr);
    return json_response(200, out);
}

Response bulk(engine::Catalog& catalog, const std::string& name, const Request& request) {
    engine::clear_write_sequence();
    json::value out = to_json(catalog.get(name)->bulk(request.body));
    add_sequence(out.as_object());
    return json_response(200, out);
}

}  // namespace braid::http::handlers
