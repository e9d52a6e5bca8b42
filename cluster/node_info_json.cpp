#include <boost/json/parse.hpp>

#include "cluster/node_registry.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"

namespace braid::cluster {
namespace {

[[noreturn]] void bad_entry(const std::string& why) {
    throw Error(ErrorKind::invalid_argument, "invalid_node_entry", "node registry entry: " + why);
}

}  // namespace

std::string node_info_json(const NodeInfo& node) {
    boost::json::object holds;
    for (const auto& [collection, shards] : node.holds) {
        boost::json::array list;
        for (const auto shard : shards) list.emplace_back(shard);
        holds[collection] = std::move(list);
    }
    boost::json::object entry{{"node", node.node}, {"advertise", node.advertise}, {"holds", std::move(holds)}};
    if (!node.snapshots.empty()) {
        boost::json::object snapshots;
        for (const auto& [collection, sequence] : node.snapshots) snapshots[collection] = sequence;
        entry["snapshots"] = std::move(snapshots);
    }
    return json_text(entry);
}

NodeInfo parse_node_info(std::string_view text) {
    boost::system::error_code error;
    const boost::json::value value = boost::json::parse(text, error);
    if (error || !value.is_object()) bad_entry("not a JSON object");
    const auto& object = value.get_object();
    NodeInfo node;
    const auto* name = object.if_contains("node");
    const auto* advertise = object.if_contains("advertise");
    const auto* holds = object.if_contains("holds");
    if (name == nullptr || !name->is_string()) bad_entry("\"node\" is not a string");
    if (advertise == nullptr || !advertise->is_string()) bad_entry("\"advertise\" is not a string");
    if (holds == nullptr || !holds->is_object()) bad_entry("\"holds\" is not an object");
    node.node = name->get_string();
    node.advertise = advertise->get_string();
    for (const auto& [collection, shards] : holds->get_object()) {
        if (!shards.is_array()) bad_entry("holds." + std::string(collection) + " is not an array");
        auto& list = node.holds[std::string(collection)];
        for (const auto& shard : shards.get_array()) {
            if (!shard.is_uint64() && !(shard.is_int64() && shard.get_int64() >= 0)) bad_entry("a shard is not a number");
            const auto number = shard.to_number<std::uint64_t>();
            if (number > UINT32_MAX) bad_entry("a shard number is out of range");
            list.push_back(static_cast<std::uint32_t>(number));
        }
    }
    if (const auto* snapshots = object.if_contains("snapshots")) {
        if (!snapshots->is_object()) bad_entry("\"snapshots\" is not an object");
        for (const auto& [collection, sequence] : snapshots->get_object()) {
            if (!sequence.is_uint64() && !(sequence.is_int64() && sequence.get_int64() >= 0))
                bad_entry("snapshots." + std::string(collection) + " is not a sequence number");
            node.snapshots[std::string(collection)] = sequence.to_number<std::uint64_t>();
        }
    }
    return node;
}

}  // namespace braid::cluster
