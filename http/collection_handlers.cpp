#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "config/config.hpp"
#include "core/error.hpp"
#include "http/engine_json.hpp"
#include "http/error_paths.hpp"
#include "http/handlers.hpp"
#include "http/json_body.hpp"
#include "http/responses.hpp"

namespace braid::http::handlers {

namespace json = boost::json;

namespace {

json::object describe_collection(const engine::Collection& collection) {
    json::object out;
    out["name"] = collection.schema().name;
    out["schema"] = config::to_json(collection.schema());
    out["stats"] = to_json(collection.stats());
    return out;
}

void check_collection_name(const std::string& name) {
    if (!config::is_safe_name(name)) {
        throw Error(ErrorKind::invalid_argument, "invalid_name",
                    "invalid collection name \"" + name +
                        "\": use letters, digits, '_', '.' and '-' (up to 128, no \"..\")");
    }
}

}  // namespace

Response health() {
    json::object body;
    body["status"] = "ok";
    return json_response(200, body);
}

Response analyze(const engine::Catalog& catalog, const Request& request) {
    const json::value body = parse_json_body(request.body);
    const auto& object = expect_object(body, "");
    reject_unknown_members(object, {"analyzer", "text"}, "");
    std::string name = "standard";
    if (auto* analyzer = object.if_contains("analyzer")) name = expect_string(*analyzer, "analyzer");
    const auto* text = object.if_contains("text");
    if (!text) {
        throw Error(ErrorKind::invalid_argument, "invalid_request", "text: a text to analyze is required",
                    "text");
    }
    const std::string value = expect_string(*text, "text");
    const auto& registry = catalog.analyzers();
    if (!registry.contains(name)) {
        std::string known;
        for (const auto& n : registry.names()) known += (known.empty() ? "" : ", ") + n;
        throw Error(ErrorKind::invalid_argument, "unknown_analyzer",
                    "analyzer: unknown analyzer \"" + name + "\" (known: " + known + ")", "analyzer");
    }
    return json_response(200, tokens_json(registry.get(name)->analyze(value)));
}

Response list_collections(const engine::Catalog& catalog, const Caller& caller) {
    json::array list;
    for (const auto& [name, documents] : catalog.list()) {
        if (!caller.may_use(name)) continue;
        json::object entry;
        entry["name"] = name;
        entry["documents"] = documents;
        list.push_back(std::move(entry));
    }
    json::object body;
    body["collections"] = std::move(list);
    return json_response(200, body);
}

Response create_collection(engine::Catalog& catalog, const std::string& name, const Request& request) {
    check_collection_name(name);
    const json::value body = parse_json_body(request.body);
    if (body.is_object() && body.as_object().contains("sources")) {
        // Paths on the server's disk are the operator's to name, in the config file.
        throw Error(ErrorKind::invalid_argument, "invalid_schema",
                    "sources: server-side files can only be named in the configuration file; send documents "
                    "with POST /collections/" + name + "/documents/_bulk",
                    "sources");
    }
    const config::CollectionConfig schema = config::parse_collection(body, "", name);
    try {
        return json_response(201, describe_collection(*catalog.create(schema)));
    } catch (const Error& error) {
        // The name came in the URL, not as a member of the body.
        if (error.type() != "collection_exists") throw;
        throw Error(error.kind(), error.type(), error.what(), std::string(error_path::url_name));
    }
}

Response get_collection(const engine::Catalog& catalog, const std::string& name) {
    return json_response(200, describe_collection(*catalog.get(name)));
}

Response drop_collection(engine::Catalog& catalog, const std::string& name) {
    catalog.drop(name);
    json::object body;
    body["deleted"] = name;
    return json_response(200, body);
}

}  // namespace braid::http::handlers
