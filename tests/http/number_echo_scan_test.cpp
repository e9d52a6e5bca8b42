// Messages echo values one way (issue 18): through config::json_kit::shown or core's number_text,
// never Boost.JSON's serializer (2.5E0), std::to_string of a double (2021.500000) or a local
// std::to_chars. Files that write data rather than messages (journal, snapshots, requests to
// outside services, the Prometheus format) are listed here by name.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

namespace fs = std::filesystem;

TEST_CASE("no source writes a number for a message but through core/json_text", "[errors][scan]") {
    const std::set<std::string> writes_data{
        "core/json_text.cpp",            // the one number writer
        "metrics/registry.cpp",          // Prometheus text format
        "engine/document_parser.cpp",    // the stored form of a document
        "engine/api_key_store.cpp",      // keys.json
        "engine/wal_records.cpp",        // journal records
        "engine/collection_snapshot.cpp",
        "inference/service_call.cpp",    // request bodies to outside services
        "app/search_backend.cpp",        // request bodies to a braid server
    };
    const std::regex old_forms(R"(json::serialize\(|std::to_chars\(|std::to_string\(\s*\*d\s*\)|std::to_string\(\s*(value|score)\s*\))");
    std::size_t files = 0;
    for (const char* module : {"core", "config", "analyzers", "lexical", "dense", "fusion", "storage", "metrics", "net",
                               "inference", "eval", "engine", "http", "app", "cluster"}) {
        const fs::path dir = fs::path(BRAID_SOURCE_DIR) / module;
        if (!fs::exists(dir)) continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            ++files;
            const std::string name = std::string(module) + "/" + entry.path().filename().string();
            if (writes_data.contains(name)) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string text(std::istreambuf_iterator<char>(in), {});
            std::smatch found;
            INFO(name);
            CHECK_FALSE(std::regex_search(text, found, old_forms));
        }
    }
    CHECK(files > 50);
}
