#include "cluster/subjects.hpp"

#include <algorithm>
#include <charconv>

#include "config/config.hpp"
#include "core/error.hpp"

namespace braid::cluster {

std::string collection_token(std::string_view collection) {
    if (!config::is_safe_name(collection))
        throw Error(ErrorKind::invalid_argument, "invalid_name",
                    "\"" + std::string(collection) + "\" is not a valid collection name (letters, digits, '_', '.', '-')");
    std::string token(collection);
    std::replace(token.begin(), token.end(), '.', '~');
    return token;
}

std::string stream_name(std::string_view collection) { return "braid_" + collection_token(collection); }

std::string shard_subject(std::string_view collection, std::uint32_t shard) {
    return "braid." + collection_token(collection) + "." + std::to_string(shard);
}

std::string collection_subjects(std::string_view collection) { return "braid." + collection_token(collection) + ".*"; }

std::string trim_subject(std::string_view collection, std::optional<std::uint32_t> shard) {
    return "braid." + collection_token(collection) + ".trim." + (shard ? std::to_string(*shard) : std::string("all"));
}

std::string trim_subjects(std::string_view collection) { return "braid." + collection_token(collection) + ".trim.*"; }

std::optional<std::uint32_t> shard_of_subject(std::string_view subject) {
    const auto dot = subject.rfind('.');
    // Exactly braid.<token>.<shard>: a trim record's subject has four tokens.
    if (dot == std::string_view::npos || !subject.starts_with("braid.") || std::count(subject.begin(), subject.end(), '.') != 2)
        return std::nullopt;
    const std::string_view digits = subject.substr(dot + 1);
    std::uint32_t shard = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), shard);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
    return shard;
}

}  // namespace braid::cluster
