#include <chrono>
#include <ctime>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "config/json_kit.hpp"
#include "core/error.hpp"
#include "http/caller.hpp"
#include "http/handlers.hpp"
#include "http/json_body.hpp"
#include "http/key_secret.hpp"
#include "http/responses.hpp"

namespace braid::http::handlers {

namespace json = boost::json;

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Unix seconds, or an RFC 3339 UTC time such as "2027-01-01T00:00:00Z".
std::int64_t read_time(const json::value& value, const std::string& path) {
    if (value.is_string()) {
        const std::string text(value.get_string());
        std::tm tm{};
        const char* end = ::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
        if (end == nullptr || *end != '\0') {
            throw Error(ErrorKind::invalid_argument, "invalid_request",
                        path + ": expected Unix seconds or a UTC time like \"2027-01-01T00:00:00Z\", got \"" + text +
                            "\"",
                        path);
        }
        return static_cast<std::int64_t>(::timegm(&tm));
    }
    return expect_integer(value, path, 0, std::int64_t{1} << 40);
}

std::vector<std::string> read_names(const json::value& value, const std::string& path) {
    if (!value.is_array() || value.get_array().empty()) {
        throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": expected a non-empty array of strings",
                    path);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.get_array().size(); ++i) {
        out.push_back(expect_string(value.get_array()[i], config::json_kit::element_path(path, i)));
    }
    return out;
}

json::object describe(const engine::ApiKeyRecord& key) {
    json::object out;
    out["id"] = key.id;
    json::array actions, collections;
    for (const auto& a : key.actions) actions.emplace_back(a);
    for (const auto& c : key.collections) collections.emplace_back(c);
    out["actions"] = std::move(actions);
    out["collections"] = std::move(collections);
    out["expires_at"] = key.expires_at ? json::value(*key.expires_at) : json::value(nullptr);
    out["created_at"] = key.created_at;
    out["description"] = key.description;
    return out;
}

}  // namespace

Response create_key(engine::Catalog& catalog, const Request& request) {
    const json::value body = parse_json_body(request.body);
    const auto& object = expect_object(body, "");
    reject_unknown_members(object, {"actions", "collections", "expires_at", "description"}, "");
    engine::ApiKeyRecord key;
    const auto* actions = object.if_contains("actions");
    if (actions == nullptr) {
        throw Error(ErrorKind::invalid_argument, "invalid_request",
                    "actions: the actions the key may take are required, e.g. [\"search\"]", "actions");
    }
    key.actions = read_names(*actions, "actions");
    for (std::size_t i = 0; i < key.actions.size(); ++i) {
        if (key.actions[i] != "*") parse_action(key.actions[i], "actions[" + std::to_string(i) + "]");
    }
    key.collections = {"*"};
    if (const auto* v = object.if_contains("collections")) key.collections = read_names(*v, "collections");
    key.created_at = now_seconds();
    if (const auto* v = object.if_contains("expires_at"); v != nullptr && !v->is_null()) {
        key.expires_at = read_time(*v, "expires_at");
        if (*key.expires_at <= key.created_at) {
            throw Error(ErrorKind::invalid_argument, "invalid_request", "expires_at: the time is already past",
                        "expires_at");
        }
    }
    if (const auto* v = object.if_contains("description")) key.description = expect_string(*v, "description");
    const std::string secret = new_key_secret();
    key.id = new_key_id();
    key.secret_sha256 = sha256_hex(secret);
    catalog.keys().add(key);
    json::object answer = describe(key);
    answer["key"] = secret;  // shown this once; only its hash is kept
    return json_response(201, answer);
}

Response list_keys(engine::Catalog& catalog) {
    json::array keys;
    for (const auto& key : catalog.keys().list()) keys.push_back(describe(key));
    return json_response(200, json::object{{"keys", std::move(keys)}});
}

Response delete_key(engine::Catalog& catalog, const std::string& id) {
    if (!catalog.keys().remove(id)) {
        throw Error(ErrorKind::not_found, "key_not_found", "no API key with id \"" + id + "\"");
    }
    return json_response(200, json::object{{"deleted", id}});
}

}  // namespace braid::http::handlers
