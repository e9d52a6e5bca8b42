#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "app/cli_args.hpp"
#include "core/json_text.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "app/search_backend.hpp"
#include "app/search_table.hpp"
#include "core/error.hpp"

namespace braid::app {
namespace {

boost::json::value read_json_file(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw Error(ErrorKind::io, "io_error", "cannot read " + file);
    std::stringstream text;
    text << in.rdbuf();
    boost::json::error_code ec;
    auto value = boost::json::parse(text.str(), ec);
    if (ec) throw Error(ErrorKind::invalid_argument, "parse_error", file + ": not valid JSON (" + ec.message() + ")");
    return value;
}

// A JSON array of numbers, or an object holding one under "vector" or "embedding".
boost::json::value read_vector_file(const std::string& file) {
    boost::json::value value = read_json_file(file);
    if (value.is_object()) {
        for (const char* key : {"vector", "embedding"}) {
            if (const auto* found = value.get_object().if_contains(key)) return *found;
        }
    }
    if (!value.is_array()) {
        throw Error(ErrorKind::invalid_argument, "usage",
                    file + ": expected a JSON array of numbers or an object with \"vector\" or \"embedding\"");
    }
    return value;
}

}  // namespace

int search_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "collection", "k", "offset", "vector-file", "fusion", "request"},
                       {"explain", "json"});
    boost::json::object body;
    if (const auto file = args.value("request")) {
        boost::json::value request = read_json_file(*file);
        if (!request.is_object()) {
            throw Error(ErrorKind::invalid_argument, "usage", *file + ": a search body is a JSON object");
        }
        body = std::move(request.get_object());
    }
    std::string query;
    for (const auto& word : args.positionals()) query += (query.empty() ? "" : " ") + word;
    if (!query.empty()) body["query"] = query;
    if (const auto k = args.number("k")) body["k"] = *k;
    if (const auto offset = args.number("offset")) body["offset"] = *offset;
    if (const auto file = args.value("vector-file")) body["vector"] = read_vector_file(*file);
    if (const auto fusion = args.value("fusion")) body["fusion"] = boost::json::object{{"method", *fusion}};
    if (args.flag("explain")) body["explain"] = true;

    Runtime runtime = open_runtime(args.required("config"), "braid search");
    const auto& server = runtime.config.server;
    auto backend = local_backend(runtime.catalog->get(args.required("collection")),
                                 {server.max_k, server.max_offset, server.max_window, server.max_query_terms});
    const boost::json::value answer = backend->search(body);
    // A person reads a table; a script asks for --json (explain's breakdown only exists there).
    if (args.flag("json") || args.flag("explain")) std::cout << pretty_json_text(answer) << "\n";
    else std::cout << search_table(answer);
    return 0;
}

}  // namespace braid::app
