#pragma once
#include <optional>
#include <string>

#include "app/server_url.hpp"
#include "app/source_loader.hpp"

namespace braid::app {

// A BulkSink that POSTs each batch to a running server's
// /collections/{collection}/documents/_bulk over one keep-alive connection and reads its answer.
// An answer other than 200 is braid::Error(io, "request_failed") quoting it.
BulkSink remote_bulk_sink(const ServerAddress& server, const std::string& collection,
                          std::optional<std::string> api_key);

}  // namespace braid::app
