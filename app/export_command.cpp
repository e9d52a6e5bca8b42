#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>

#include <boost/json/parse.hpp>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "app/server_url.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "http/client.hpp"

namespace braid::app {
namespace {

namespace json = boost::json;

constexpr std::size_t kPage = 1000;  // the server's largest page

// Writes every document of a collection, one JSON line each, by id; returns how many.
using ExportTo = std::function<std::size_t(std::ostream&)>;

ExportTo local_export(const std::string& config_file, const std::string& name) {
    return [config_file, name](std::ostream& out) {
        Runtime runtime = open_runtime(config_file, "braid export");
        const auto collection = runtime.catalog->get(name);
        std::size_t count = 0;
        std::optional<std::string> after;
        for (;;) {
            const engine::DocumentPage page = collection->list_documents(after, kPage);
            // The stored text as it came: numbers keep their digits, the id field is always there.
            for (const auto& [id, text] : page.documents) out << text << '\n';
            count += page.documents.size();
            if (!page.more) return count;
            after = page.documents.back().first;
        }
    };
}

ExportTo remote_export(const std::string& url, const std::string& name, std::optional<std::string> api_key) {
    return [url, name, api_key](std::ostream& out) {
        const ServerAddress server = parse_server_url(url);
        http::Client client(server.host, server.port);
        std::vector<std::pair<std::string, std::string>> headers;
        if (api_key) headers.emplace_back("Authorization", "Bearer " + *api_key);
        std::size_t count = 0;
        std::string cursor;
        for (;;) {
            const std::string target = "/collections/" + name + "/documents?limit=" + std::to_string(kPage) +
                                       (cursor.empty() ? "" : "&cursor=" + cursor);
            const auto response = client.request("GET", target, {}, "application/json", headers);
            if (response.status != 200)
                throw Error(ErrorKind::io, "request_failed",
                            "GET " + target + " answered " + std::to_string(response.status) + ": " +
                                response.body.substr(0, 300));
            const json::value page = json::parse(response.body);
            for (const auto& item : page.at("documents").as_array()) out << json_text(item.at("document")) << '\n';
            count += page.at("documents").as_array().size();
            const auto& next = page.at("next_cursor");
            if (!next.is_string()) return count;
            cursor = std::string(next.get_string());
        }
    };
}

}  // namespace

int export_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"config", "collection", "out", "url"}, {});
    if (!args.positionals().empty())
        throw Error(ErrorKind::invalid_argument, "usage", "unexpected argument " + args.positionals()[0]);
    const std::string name = args.required("collection");
    ExportTo run;
    if (const auto url = args.value("url")) {
        std::optional<std::string> api_key;
        if (const auto config_file = args.value("config")) api_key = load_config(*config_file).server.api_key;
        else if (const char* key = std::getenv("BRAID_API_KEY"); key != nullptr && *key != '\0') api_key = key;
        run = remote_export(*url, name, api_key);
    } else {
        run = local_export(args.required("config"), name);
    }

    std::size_t count = 0;
    const auto out_file = args.value("out");
    if (out_file && *out_file != "-") {
        const std::string partial = *out_file + ".partial";
        {
            std::ofstream out(partial, std::ios::binary | std::ios::trunc);
            if (!out) throw Error(ErrorKind::io, "io_error", "cannot write " + partial);
            count = run(out);
            out.flush();
            if (!out) throw Error(ErrorKind::io, "io_error", "error while writing " + partial);
        }
        // Renamed only once complete: a failed export never leaves a truncated file under the name.
        std::filesystem::rename(partial, *out_file);
    } else {
        count = run(std::cout);
        std::cout.flush();
    }
    std::cerr << "braid export: " << count << " documents of collection " << name << " written to "
              << (out_file && *out_file != "-" ? *out_file : std::string("stdout")) << "\n";
    return 0;
}

}  // namespace braid::app
