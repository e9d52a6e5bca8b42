#include <fstream>
#include <sstream>

#include <boost/json/stream_parser.hpp>

#include "config/duplicate_keys.hpp"
#include "config/json_reader.hpp"
#include "config/parsers.hpp"
#include "core/error.hpp"

namespace braid::config {
namespace {

// Parses JSON text; a syntax error names its line and column.
boost::json::value parse_json_text(std::string_view text) {
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        const std::size_t offset = std::min(consumed, text.size());
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw Error(ErrorKind::invalid_argument, "config_error",
                    "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                        ec.message());
    }
    if (const auto duplicate = detail::find_duplicate_key(text)) detail::fail(*duplicate, "duplicate key");
    return parser.release();
}

void check_unique_names(const std::vector<CollectionConfig>& collections) {
    for (std::size_t i = 0; i < collections.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (collections[i].name == collections[j].name) {
                const std::string path = "collections[" + std::to_string(i) + "].name";
                detail::fail(path, "duplicate collection name \"" + collections[i].name + "\" (also collections[" +
                                       std::to_string(j) + "])");
            }
        }
    }
}

}  // namespace

Config parse_config(std::string_view json_text, const std::filesystem::path& base_dir) {
    const boost::json::value root = parse_json_text(json_text);
    const detail::ObjectReader reader(root, "", {"server", "cluster", "analyzers", "rerankers", "collections"});
    Config config;
    const boost::json::value empty_object = boost::json::object();
    const auto* server = reader.find("server");
    config.server = detail::parse_server(server ? *server : empty_object, "server", base_dir);
    if (const auto* v = reader.find("cluster"); v != nullptr && !v->is_null())
        config.cluster = detail::parse_cluster(*v, "cluster");
    if (const auto* v = reader.find("analyzers")) config.analyzers = detail::parse_analyzers(*v, "analyzers", base_dir);
    if (const auto* v = reader.find("rerankers")) config.rerankers = detail::parse_rerankers(*v, "rerankers");
    if (const auto* v = reader.find("collections")) {
        const auto* array = v->if_array();
        if (array == nullptr) detail::fail_expected("collections", "an array of collections", *v);
        for (std::size_t i = 0; i < array->size(); ++i) {
            config.collections.push_back(
                parse_collection((*array)[i], detail::element_path("collections", i), std::nullopt, base_dir));
        }
        check_unique_names(config.collections);
    }
    return config;
}

Config load_config_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::invalid_argument, "config_error", "cannot open config file " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw Error(ErrorKind::invalid_argument, "config_error", "cannot read config file " + file.string());
    }
    const std::filesystem::path base_dir = std::filesystem::absolute(file).parent_path();
    try {
        return parse_config(text.str(), base_dir);
    } catch (const Error& e) {
        throw Error(e.kind(), e.type(), file.string() + ": " + e.what(), e.path());
    }
}

}  // namespace braid::config
