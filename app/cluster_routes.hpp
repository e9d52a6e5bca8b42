#pragma once
// What one cluster node asks another over HTTP, beside the public API: GET /_cluster/snapshot/{collection}
// serves the node's newest snapshot of a collection (cluster/snapshot_archive.hpp) with the stream
// sequence it covers in X-Braid-Sequence, so a node whose start point was trimmed from the stream
// starts from it. Needs the server's API key when one is set.
#include <optional>
#include <string>

#include "cluster/cluster_node.hpp"
#include "http/message.hpp"

namespace braid::app {

// The answer to a /_cluster/snapshot/ request; nullopt for any other target (the API handles it).
std::optional<http::Response> cluster_route(cluster::ClusterNode& node, const http::Request& request,
                                            const std::optional<std::string>& api_key);

}  // namespace braid::app
