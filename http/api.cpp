#include "http/api.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <new>

#include "core/error.hpp"
#include "core/json_reindent.hpp"
#include "http/console_page.hpp"
#include "http/constant_time.hpp"
#include "http/cluster_handlers.hpp"
#include "http/handlers.hpp"
#include "http/header_text.hpp"
#include "http/key_secret.hpp"
#include "http/media_type.hpp"
#include "http/openapi_document.hpp"
#include "http/responses.hpp"
#include "http/query_string.hpp"
#include "http/utf8.hpp"

namespace braid::http {

bool runs_on_workers(const Request& request) {
    if (request.method != "POST") return false;
    const std::string_view target = std::string_view(request.target).substr(0, request.target.find('?'));
    constexpr std::string_view kSearch = "/search";
    // Not the shard calls of a fanned-out search (/_cluster/...): a coordinator holds a worker while
    // it waits for its peers' shard calls, so those queued behind coordinators on a full pool would
    // deadlock the nodes; they never wait on another node, and run on the I/O threads.
    return target.starts_with("/collections/") && target.ends_with(kSearch);
}
namespace {

std::string_view expected_media_type(BodyKind kind) {
    return kind == BodyKind::ndjson ? "application/x-ndjson" : "application/json";
}

}  // namespace

Api::Api(engine::Catalog& catalog, ApiOptions options)
    : catalog_(catalog), options_(std::move(options)), cors_(options_.cors_origins) {
    using P = const PathParams&;
    using R = const Request&;
    using C = const Caller&;
    auto& c = catalog_;
    const auto limits = options_.limits;
    if (options_.metrics != nullptr) search_metrics_.emplace(*options_.metrics);
    const SearchStageMetrics* stage_metrics = search_metrics_ ? &*search_metrics_ : nullptr;
    router_.add({"GET", "/health", BodyKind::none, [](R, P, C) { return handlers::health(); }, Action::open});
    router_.add({"GET", "/", BodyKind::none, [](R, P, C) { return console_page(); }, Action::open});
    router_.add({"GET", "/openapi.json", BodyKind::none, [](R, P, C) { return openapi_document(); },
                 Action::describe});
    router_.add({"POST", "/_analyze", BodyKind::json, [&c](R r, P, C) { return handlers::analyze(c, r); },
                 Action::search});
    router_.add({"GET", "/collections", BodyKind::none,
                 [&c](R, P, C caller) { return handlers::list_collections(c, caller); }, Action::collections_read});
    router_.add({"PUT", "/collections/{name}", BodyKind::json,
                 [&c](R r, P p, C) { return handlers::create_collection(c, p[0], r); }, Action::collections_write});
    router_.add({"GET", "/collections/{name}", BodyKind::none,
                 [&c](R, P p, C) { return handlers::get_collection(c, p[0]); }, Action::collections_read});
    router_.add({"DELETE", "/collections/{name}", BodyKind::none,
                 [&c](R, P p, C) { return handlers::drop_collection(c, p[0]); }, Action::collections_write});
    router_.add({"GET", "/collections/{name}/documents", BodyKind::none,
                 [&c](R r, P p, C) { return handlers::list_documents(c, p[0], r); }, Action::documents_read});
    router_.add({"PUT", "/collections/{name}/documents/{id}", BodyKind::json,
                 [&c](R r, P p, C) { return handlers::put_document(c, p[0], p[1], r); }, Action::documents_write});
    router_.add({"GET", "/collections/{name}/documents/{id}", BodyKind::none,
                 [&c](R, P p, C) { return handlers::get_document(c, p[0], p[1]); }, Action::documents_read});
    router_.add({"DELETE", "/collections/{name}/documents/{id}", BodyKind::none,
                 [&c](R, P p, C) { return handlers::delete_document(c, p[0], p[1]); }, Action::documents_write});
    router_.add({"POST", "/collections/{name}/documents/_bulk", BodyKind::ndjson,
                 [&c](R r, P p, C) { return handlers::bulk(c, p[0], r); }, Action::documents_write});
    router_.add({"POST", "/collections/{name}/search", BodyKind::json,
                 [&c, limits, stage_metrics](R r, P p, C) { return handlers::search(c, p[0], r, limits, stage_metrics); },
                 Action::search});
    // A sharded search's internal calls (http/cluster_handlers.hpp).
    router_.add({"POST", "/_cluster/stats/{name}", BodyKind::json,
                 [&c, limits](R r, P p, C) { return handlers::cluster_stats(c, p[0], r, limits); }, Action::search});
    router_.add({"POST", "/_cluster/search/{name}", BodyKind::json,
                 [&c, limits](R r, P p, C) { return handlers::cluster_search(c, p[0], r, limits); }, Action::search});
    router_.add({"POST", "/_cluster/fetch/{name}", BodyKind::json,
                 [&c, limits](R r, P p, C) { return handlers::cluster_fetch(c, p[0], r, limits); }, Action::search});
    router_.add({"POST", "/keys", BodyKind::json, [&c](R r, P, C) { return handlers::create_key(c, r); },
                 Action::admin});
    router_.add({"GET", "/keys", BodyKind::none, [&c](R, P, C) { return handlers::list_keys(c); }, Action::admin});
    router_.add({"DELETE", "/keys/{id}", BodyKind::none, [&c](R, P p, C) { return handlers::delete_key(c, p[0]); },
                 Action::admin});
    if (options_.metrics != nullptr) {
        request_metrics_.emplace(*options_.metrics);
        router_.add({"GET", "/metrics", BodyKind::none,
                     [registry = options_.metrics](R, P, C) {
                         Response response;
                         response.content_type = metrics::exposition_content_type;
                         response.body = registry->render();
                         return response;
                     },
                     Action::metrics});
    }
}

Caller Api::authenticate(const Request& request, Action action, const std::string& collection) const {
    if (action == Action::open) return Caller{};
    if (!options_.api_key) {
        if (action == Action::admin) {
            throw Error(ErrorKind::conflict, "keys_disabled",
                        "API keys need an admin key: set server.api_key (or BRAID_API_KEY) first");
        }
        return Caller{};  // a server without a key is open
    }
    const std::string_view header = trim_whitespace(request.authorization);
    constexpr std::string_view scheme = "Bearer ";
    if (header.empty()) {
        throw Error(ErrorKind::unauthorized, "unauthorized",
                    "this server needs an API key: send \"Authorization: Bearer <key>\"");
    }
    const bool bearer = header.size() >= scheme.size() && iequals_ascii(header.substr(0, scheme.size()), scheme);
    const std::string_view secret = bearer ? trim_whitespace(header.substr(scheme.size())) : std::string_view{};
    if (bearer && constant_time_equal(secret, *options_.api_key)) return Caller{};
    const auto key = bearer ? catalog_.keys().find_by_hash(sha256_hex(secret)) : std::nullopt;
    if (!key) throw Error(ErrorKind::unauthorized, "unauthorized", "the API key in the Authorization header is not valid");
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    if (key->expires_at && std::chrono::duration_cast<std::chrono::seconds>(now).count() >= *key->expires_at) {
        throw Error(ErrorKind::unauthorized, "unauthorized", "the API key " + key->id + " has expired");
    }
    Caller caller{false, key->collections};
    const bool admin_only = action == Action::admin || action == Action::describe;
    const bool granted = !admin_only &&
                         std::any_of(key->actions.begin(), key->actions.end(), [&](const std::string& name) {
                             return name == "*" || name == action_name(action);
                         });
    if (!granted) {
        throw Error(ErrorKind::forbidden, "forbidden",
                    "the API key " + key->id + " may not " +
                        (action == Action::admin      ? std::string("manage keys (only the admin key may)")
                         : action == Action::describe ? std::string("read the API description (only the admin key may)")
                                                 : "take the action \"" + std::string(action_name(action)) + "\""));
    }
    if (!collection.empty() && !caller.may_use(collection)) {
        throw Error(ErrorKind::forbidden, "forbidden",
                    "the API key " + key->id + " may not use the collection \"" + collection + "\"");
    }
    return caller;
}

Response Api::dispatch(const Request& request, Matched& matched) const {
    const auto segments = split_path(request.target);
    for (const auto& segment : segments) {
        if (!is_valid_utf8(segment)) {
            throw Error(ErrorKind::invalid_argument, "invalid_path",
                        "the request path is not valid UTF-8 once percent-decoded: " +
                            sanitize_utf8(request.target));
        }
    }
    // HEAD is GET without the body (monitors probe /health with it).
    const bool head = request.method == "HEAD";
    const Router::Match match = router_.match(head ? std::string_view("GET") : std::string_view(request.method), segments);
    std::vector<std::string> allowed = match.allowed;
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allowed.emplace_back("HEAD");
    if (cors_.enabled() && !allowed.empty()) allowed.emplace_back("OPTIONS");
    // A preflight carries no credentials: it is answered before authentication.
    if (cors_.enabled() && request.method == "OPTIONS" && !allowed.empty()) {
        matched.route = "preflight";
        return cors_.preflight(request.origin, allowed);
    }
    if (match.route) {
        matched.route = match.route->pattern;
        if ((matched.route.rfind("/collections/{name}", 0) == 0 || matched.route.rfind("/_cluster/", 0) == 0) &&
            !match.params.empty()) {
            matched.collection = match.params[0];
        }
    }
    // Without a route there is nothing to discover without a key: authenticate as for any route.
    const Caller caller = authenticate(request, match.route ? match.route->action : Action::collections_read,
                                       matched.collection);
    if (!match.route) {
        if (allowed.empty()) {
            return error_response(404, "route_not_found",
                                  "no route for " + sanitize_utf8(request.method) + " " +
                                      sanitize_utf8(request.target.substr(0, request.target.find('?'))));
        }
        std::string allow;
        for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
        Response response = error_response(
            405, "method_not_allowed",
            sanitize_utf8(request.method) + " is not allowed here (allowed: " + allow + ")");
        response.headers.emplace_back("Allow", allow);
        return response;
    }
    if (match.route->body != BodyKind::none) {
        const auto expected = expected_media_type(match.route->body);
        if (!media_type_is(request.content_type, expected)) {
            throw Error(ErrorKind::unsupported_media_type, "unsupported_media_type",
                        "expected Content-Type: " + std::string(expected) + ", got " +
                            (request.content_type.empty()
                                 ? std::string("none")
                                 : "\"" + sanitize_utf8(request.content_type) + "\""));
        }
    }
    Response response = match.route->handler(request, match.params, caller);
    response.omit_body = head;
    return response;
}

Response Api::handle(const Request& request) const {
    const auto started = std::chrono::steady_clock::now();
    Matched matched;
    Response response = answer(request, matched);
    if (request_metrics_) {
        request_metrics_->record(request.method, matched.route, response.status,
                                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    response.route = matched.route;
    response.collection = std::move(matched.collection);
    cors_.add_headers(request.origin, response);
    if (wants_pretty(request.target) && response.content_type == "application/json") {
        response.body = reindent_json_text(response.body);
    }
    if (request.method == "HEAD") response.omit_body = true;  // errors too: HEAD never has a body
    return response;
}

Response Api::answer(const Request& request, Matched& matched) const {
    try {
        return dispatch(request, matched);
    } catch (const Error& error) {
        Response response = error_response(error);
        if (error.kind() == ErrorKind::unauthorized) response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
    } catch (const std::bad_alloc&) {
        return error_response(500, "internal", "out of memory while serving this request");
    } catch (const std::exception& error) {
        return error_response(500, "internal", error.what());
    }
}

}  // namespace braid::http
