#include <algorithm>

#include "config/json_reader.hpp"
#include "config/parsers.hpp"

namespace braid::config {

bool ClusterConfig::holds_shard(std::uint32_t shard) const {
    return !holds || std::find(holds->begin(), holds->end(), shard) != holds->end();
}

namespace detail {
namespace {

constexpr std::uint64_t kMaxReplicas = 5;
constexpr std::uint64_t kMaxShard = 255;  // collection shards are 1..256
constexpr std::uint64_t kMaxTrimIntervalMs = 24ull * 3600 * 1000;

bool has_scheme(const std::string& url, std::initializer_list<std::string_view> schemes) {
    return std::any_of(schemes.begin(), schemes.end(), [&url](std::string_view scheme) {
        return url.size() > scheme.size() && url.compare(0, scheme.size(), scheme) == 0;
    });
}

std::vector<std::string> parse_nats_urls(const boost::json::value& value, const std::string& path) {
    const auto* array = value.if_array();
    if (array == nullptr || array->empty())
        fail_expected(path, "a non-empty array of NATS server URLs such as \"nats://127.0.0.1:4222\"", value);
    std::vector<std::string> urls;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string item_path = element_path(path, i);
        std::string url = as_string((*array)[i], item_path);
        if (!has_scheme(url, {"nats://", "tls://"}))
            fail(item_path, "expected a NATS URL such as \"nats://127.0.0.1:4222\", got \"" + url + "\"");
        urls.push_back(std::move(url));
    }
    return urls;
}

std::vector<std::uint32_t> parse_holds(const boost::json::value& value, const std::string& path) {
    const auto* array = value.if_array();
    if (array == nullptr || array->empty())
        fail_expected(path, "a non-empty array of shard numbers such as [0, 2] (omit it to hold every shard)", value);
    std::vector<std::uint32_t> shards;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string item_path = element_path(path, i);
        const auto shard = static_cast<std::uint32_t>(
            as_unsigned((*array)[i], item_path, 0, kMaxShard, "a shard number from 0 to 255"));
        if (std::find(shards.begin(), shards.end(), shard) != shards.end())
            fail(item_path, "shard " + std::to_string(shard) + " is listed twice");
        shards.push_back(shard);
    }
    return shards;
}

}  // namespace

ClusterConfig parse_cluster(const boost::json::value& value, const std::string& path) {
    const ObjectReader reader(value, path, {"node", "advertise", "nats", "replicas", "holds", "snapshot_every_records", "trim_interval_ms"});
    ClusterConfig cluster;
    cluster.node = as_safe_name(reader.require("node", "this node's name, e.g. \"n1\""), reader.path_of("node"), "a node name");
    cluster.advertise = as_string(reader.require("advertise", "the URL peers reach this node at"), reader.path_of("advertise"));
    if (!has_scheme(cluster.advertise, {"http://", "https://"}))
        fail(reader.path_of("advertise"),
             "expected an http(s) URL such as \"http://10.0.0.1:7700\", got \"" + cluster.advertise + "\"");
    cluster.nats = parse_nats_urls(reader.require("nats", "an array of NATS server URLs"), reader.path_of("nats"));
    if (const auto* v = reader.find("replicas")) {
        cluster.replicas = static_cast<unsigned>(
            as_unsigned(*v, reader.path_of("replicas"), 1, kMaxReplicas, "a replica count from 1 to 5"));
    }
    if (const auto* v = reader.find("holds"); v != nullptr && !v->is_null())
        cluster.holds = parse_holds(*v, reader.path_of("holds"));
    if (const auto* v = reader.find("snapshot_every_records"))
        cluster.snapshot_every_records = as_unsigned(*v, reader.path_of("snapshot_every_records"), 1,
                                                     std::uint64_t{1} << 40, "a positive number of records");
    if (const auto* v = reader.find("trim_interval_ms"))
        cluster.trim_interval_ms = as_unsigned(*v, reader.path_of("trim_interval_ms"), 0, kMaxTrimIntervalMs,
                                               "milliseconds from 0 (never trim) to 86400000");
    return cluster;
}

}  // namespace detail
}  // namespace braid::config
