#include "app/remote_bulk.hpp"

#include <memory>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "http/client.hpp"

namespace braid::app {

namespace json = boost::json;

namespace {

engine::BulkResult read_bulk_answer(const json::value& answer) {
    engine::BulkResult result;
    const auto& object = answer.as_object();
    result.indexed = static_cast<std::size_t>(object.at("indexed").to_number<std::uint64_t>());
    result.failed = static_cast<std::size_t>(object.at("failed").to_number<std::uint64_t>());
    for (const auto& item : object.at("errors").as_array()) {
        engine::BulkError error;
        error.line = static_cast<std::size_t>(item.at("line").to_number<std::uint64_t>());
        if (const auto* id = item.as_object().if_contains("id"); id && id->is_string()) error.id = std::string(id->as_string());
        error.type = std::string(item.at("error").at("type").as_string());
        error.message = std::string(item.at("error").at("message").as_string());
        if (const auto* path = item.at("error").as_object().if_contains("path"); path && path->is_string())
            error.path = std::string(path->as_string());
        result.errors.push_back(std::move(error));
    }
    return result;
}

}  // namespace

BulkSink remote_bulk_sink(const ServerAddress& server, const std::string& collection,
                          std::optional<std::string> api_key) {
    auto client = std::make_shared<http::Client>(server.host, server.port, std::chrono::minutes(10));
    const std::string target = "/collections/" + collection + "/documents/_bulk";
    std::vector<std::pair<std::string, std::string>> headers;
    if (api_key) headers.emplace_back("Authorization", "Bearer " + *api_key);
    return [client, target, headers](std::string_view ndjson) {
        const auto response = client->request("POST", target, ndjson, "application/x-ndjson", headers);
        if (response.status != 200) {
            throw Error(ErrorKind::io, "request_failed",
                        "POST " + target + " answered " + std::to_string(response.status) + ": " +
                            response.body.substr(0, 300));
        }
        try {
            return read_bulk_answer(json::parse(response.body));
        } catch (const std::exception& e) {
            throw Error(ErrorKind::io, "request_failed", "POST " + target + " answered an unreadable body: " + e.what());
        }
    };
}

}  // namespace braid::app
