// The error vocabulary: every type the sources throw or answer is declared in core/error_types
// with the kind it is thrown with, each name once, and the README lists each one with its status.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "core/error_types.hpp"
#include "http/responses.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string kind_name(braid::ErrorKind kind) { return std::string(braid::error_kind_name(kind)); }

}  // namespace

TEST_CASE("each error type is declared once", "[errors]") {
    std::set<std::string_view> names;
    for (const auto& type : braid::error_types()) {
        INFO(type.name);
        CHECK(names.insert(type.name).second);
        CHECK(!type.meaning.empty());
        CHECK(braid::find_error_type(type.name) == &type);
    }
    CHECK(braid::find_error_type("no_such_type") == nullptr);
}

TEST_CASE("every error the sources raise is declared with the kind it is raised with", "[errors]") {
    // Error(ErrorKind::K, "name", ...), error_response(STATUS, "name", ...), and the engine's
    // helpers that take the type first: fail("name", ...), invalid("name", ...).
    const std::regex thrown(R"re(Error(?:\s+\w+)?\(\s*ErrorKind::(\w+),\s*"(\w+)")re");
    const std::regex answered(R"re(error_response\(\s*(\d{3}),\s*"(\w+)")re");
    const std::regex helper(R"re(\b(?:fail|invalid)\(\s*"(\w+)")re");
    std::size_t seen = 0;
    for (const char* module : {"core", "config", "analyzers", "lexical", "dense", "fusion", "storage", "metrics", "net",
                               "inference", "eval", "engine", "http", "app"}) {
        const fs::path dir = fs::path(BRAID_SOURCE_DIR) / module;
        if (!fs::exists(dir)) continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            const std::string text = read(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), thrown), end; it != end; ++it) {
                INFO(entry.path().string() << ": " << (*it)[0]);
                const auto* type = braid::find_error_type((*it)[2].str());
                REQUIRE(type != nullptr);
                CHECK(kind_name(type->kind) == (*it)[1].str());
                ++seen;
            }
            for (std::sregex_iterator it(text.begin(), text.end(), answered), end; it != end; ++it) {
                INFO(entry.path().string() << ": " << (*it)[0]);
                const auto* type = braid::find_error_type((*it)[2].str());
                REQUIRE(type != nullptr);
                CHECK(braid::http::status_for(type->kind) == std::stoul((*it)[1].str()));
                ++seen;
            }
            if (std::string_view(module) != "engine") continue;  // elsewhere such helpers take a path first
            for (std::sregex_iterator it(text.begin(), text.end(), helper), end; it != end; ++it) {
                INFO(entry.path().string() << ": " << (*it)[0]);
                CHECK(braid::find_error_type((*it)[1].str()) != nullptr);
                ++seen;
            }
        }
    }
    CHECK(seen > 100);  // the scan really read the sources
}

TEST_CASE("the README lists every error type with its status", "[errors]") {
    const std::string readme = read(fs::path(BRAID_SOURCE_DIR) / "README.md");
    for (const auto& type : braid::error_types()) {
        const std::string row = "| `" + std::string(type.name) + "` | " +
                                std::to_string(braid::http::status_for(type.kind)) + " |";
        INFO(row);
        CHECK(readme.find(row) != std::string::npos);
    }
}
