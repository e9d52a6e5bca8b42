#include "app/cluster_routes.hpp"

#include "core/error.hpp"
#include "http/constant_time.hpp"
#include "http/responses.hpp"

namespace braid::app {
namespace {

constexpr std::string_view kSnapshotPrefix = "/_cluster/snapshot/";

}  // namespace

std::optional<http::Response> cluster_route(cluster::ClusterNode& node, const http::Request& request,
                                            const std::optional<std::string>& api_key) {
    // Only the snapshot route: the other /_cluster/ routes (sharded search) are the API's.
    if (request.target.rfind(kSnapshotPrefix, 0) != 0) return std::nullopt;
    try {
        if (api_key && !http::constant_time_equal(request.authorization, "Bearer " + *api_key))
            throw Error(ErrorKind::unauthorized, "unauthorized", "/_cluster/snapshot/ needs the server's API key");
        if (request.method != "GET")
            throw Error(ErrorKind::method_not_allowed, "method_not_allowed", "/_cluster/snapshot/{collection}: GET only");
        const std::string name = request.target.substr(kSnapshotPrefix.size());
        const auto archive = node.snapshot_archive(name);
        http::Response response;
        response.content_type = "application/octet-stream";
        response.body = archive.body;
        response.headers.emplace_back("X-Braid-Sequence", std::to_string(archive.sequence));
        response.route = "/_cluster/snapshot/{collection}";
        response.collection = name;
        return response;
    } catch (const Error& e) {
        return http::error_response(e);
    }
}

}  // namespace braid::app
