#include <limits>

#include "config/json_reader.hpp"
#include "config/parsers.hpp"

namespace braid::config::detail {

std::string resolve_path(const std::string& relative, const std::filesystem::path& base_dir) {
    const std::filesystem::path path(relative);
    if (base_dir.empty() || path.is_absolute()) return relative;
    return (base_dir / path).lexically_normal().string();
}

namespace {

// "*" or scheme://host[:port], as a browser sends Origin: no path, no trailing slash.
std::vector<std::string> parse_cors_origins(const boost::json::value& value, const std::string& path) {
    const auto* array = value.if_array();
    if (array == nullptr) fail_expected(path, "an array of origins such as \"https://app.example.com\", or [\"*\"]", value);
    std::vector<std::string> origins;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string item_path = element_path(path, i);
        std::string origin = as_string((*array)[i], item_path);
        if (origin != "*") {
            const auto scheme = origin.find("://");
            const bool web = origin.rfind("http://", 0) == 0 || origin.rfind("https://", 0) == 0;
            if (!web || scheme + 3 >= origin.size()) {
                fail(item_path, "expected \"*\" or an origin like \"https://app.example.com\" (scheme, host, optional "
                                "port), got \"" + origin + "\"");
            }
            if (const auto slash = origin.find('/', scheme + 3); slash != std::string::npos) {
                fail(item_path, "an origin has no path (did you mean \"" + origin.substr(0, slash) + "\"?)");
            }
        }
        origins.push_back(std::move(origin));
    }
    return origins;
}

}  // namespace

ServerConfig parse_server(const boost::json::value& value, const std::string& path,
                          const std::filesystem::path& base_dir) {
    const ObjectReader reader(value, path,
                              {"host", "port", "data_dir", "threads", "search_workers", "search_queue", "max_body_bytes", "api_key", "max_k",
                               "max_offset", "max_window", "max_query_terms", "request_timeout_ms", "snapshot_every_bytes",
                               "release_memory_every_ms", "access_log", "tls", "min_free_disk_bytes", "cors_origins"});
    constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
    constexpr auto kMaxSize = static_cast<std::uint64_t>(std::numeric_limits<std::uint32_t>::max());
    ServerConfig server;
    if (const auto* v = reader.find("host")) server.host = as_string(*v, reader.path_of("host"));
    if (const auto* v = reader.find("port")) {
        server.port = static_cast<std::uint16_t>(
            as_unsigned(*v, reader.path_of("port"), 0, 65535, "a port number from 1 to 65535 (0 = any free port)"));
    }
    if (const auto* v = reader.find("data_dir")) server.data_dir = as_string(*v, reader.path_of("data_dir"));
    server.data_dir = resolve_path(server.data_dir, base_dir);
    if (const auto* v = reader.find("threads")) {
        server.threads = static_cast<unsigned>(
            as_unsigned(*v, reader.path_of("threads"), 0, 4096, "a thread count from 0 (all cores) to 4096"));
    }
    if (const auto* v = reader.find("search_workers")) {
        server.search_workers = static_cast<unsigned>(as_unsigned(
            *v, reader.path_of("search_workers"), 0, 4096, "a thread count from 0 (one per usable core) to 4096"));
    }
    if (const auto* v = reader.find("search_queue")) {
        server.search_queue = as_unsigned(*v, reader.path_of("search_queue"), 0, kMaxSize,
                                          "a number of waiting searches (0 = none wait)");
    }
    if (const auto* v = reader.find("max_body_bytes")) {
        server.max_body_bytes = as_unsigned(*v, reader.path_of("max_body_bytes"), 1, kMax, "a positive integer");
    }
    if (const auto* v = reader.find("api_key"); v != nullptr && !v->is_null()) {
        if (!v->is_string() || v->get_string().empty()) {
            fail_expected(reader.path_of("api_key"), "a non-empty string or null", *v);
        }
        server.api_key = std::string(v->get_string());
    }
    if (const auto* v = reader.find("max_k")) {
        server.max_k = as_unsigned(*v, reader.path_of("max_k"), 1, kMaxSize, "a positive integer");
    }
    if (const auto* v = reader.find("max_offset")) {
        server.max_offset = as_unsigned(*v, reader.path_of("max_offset"), 0, kMaxSize, "a non-negative integer");
    }
    if (const auto* v = reader.find("max_window")) {
        server.max_window = as_unsigned(*v, reader.path_of("max_window"), 1, kMaxSize, "a positive integer");
    }
    if (const auto* v = reader.find("max_query_terms")) {
        server.max_query_terms = as_unsigned(*v, reader.path_of("max_query_terms"), 1, kMaxSize, "a positive integer");
    }
    if (const auto* v = reader.find("request_timeout_ms")) {
        server.request_timeout_ms = static_cast<unsigned>(
            as_unsigned(*v, reader.path_of("request_timeout_ms"), 1, kMaxSize, "a positive number of milliseconds"));
    }
    if (const auto* v = reader.find("snapshot_every_bytes")) {
        server.snapshot_every_bytes = as_unsigned(*v, reader.path_of("snapshot_every_bytes"), 1, kMax, "a positive integer");
    }
    if (const auto* v = reader.find("release_memory_every_ms")) {
        server.release_memory_every_ms = static_cast<unsigned>(as_unsigned(
            *v, reader.path_of("release_memory_every_ms"), 0, kMaxSize, "a number of milliseconds (0 = never)"));
    }
    if (const auto* v = reader.find("access_log"); v != nullptr && !v->is_null()) {
        const std::string destination = as_string(*v, reader.path_of("access_log"));
        server.access_log = destination == "stderr" ? destination : resolve_path(destination, base_dir);
    }
    if (const auto* v = reader.find("min_free_disk_bytes")) {
        server.min_free_disk_bytes =
            as_unsigned(*v, reader.path_of("min_free_disk_bytes"), 0, kMax, "a number of bytes (0 = no check)");
    }
    if (const auto* v = reader.find("tls"); v != nullptr && !v->is_null()) {
        const ObjectReader tls(*v, reader.path_of("tls"), {"cert", "key"});
        server.tls_cert = resolve_path(as_string(tls.require("cert", "a PEM certificate file"), tls.path_of("cert")), base_dir);
        server.tls_key = resolve_path(as_string(tls.require("key", "a PEM private key file"), tls.path_of("key")), base_dir);
    }
    if (const auto* v = reader.find("cors_origins"); v != nullptr && !v->is_null()) {
        server.cors_origins = parse_cors_origins(*v, reader.path_of("cors_origins"));
    }
    return server;
}

}  // namespace braid::config::detail
