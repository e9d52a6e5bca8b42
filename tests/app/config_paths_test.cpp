// Config mistakes that only the analyzers or the engine can see are reported as the parser reports
// its own: the config file, then the whole JSON path of the member (issue 18).
#include <catch2/catch.hpp>

#include "app/runtime.hpp"
#include "core/error.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

braid::Error open_error(const std::string& config_text, std::filesystem::path& file) {
    static braid::test_support::TempDir dir("braid-config-paths");
    file = dir.write("bad.json", config_text);
    try {
        braid::app::open_runtime(file, "test");
    } catch (const braid::Error& e) {
        return e;
    }
    FAIL("expected an error for " << config_text);
    return braid::Error(braid::ErrorKind::internal, "internal", "unreachable");
}

}  // namespace

TEST_CASE("an analyzer filter that cannot be built names its member and the file", "[app][config]") {
    std::filesystem::path file;
    const auto e = open_error(R"({"server": {"data_dir": "d1"},
        "analyzers": {"ok": {"filters": ["lowercase"]}, "k": {"filters": ["lowercase", {"stem": "klingon"}]}}})", file);
    CHECK(e.path() == "analyzers.k.filters[1].stem");
    const std::string message = e.what();
    CHECK(message.rfind(file.string() + ": analyzers.k.filters[1].stem: ", 0) == 0);
    CHECK(message.find("klingon") != std::string::npos);
}

TEST_CASE("an unknown analyzer inside collections[i] carries the collections[i]. prefix and the file", "[app][config]") {
    std::filesystem::path file;
    const auto e = open_error(R"({"server": {"data_dir": "d2"}, "collections": [
        {"name": "a", "fields": {"t": {"type": "text"}}},
        {"name": "b", "fields": {"t": {"type": "text", "analyzer": "nope"}}}]})", file);
    CHECK(e.type() == "unknown_analyzer");
    CHECK(e.path() == "collections[1].fields.t.analyzer");
    const std::string message = e.what();
    CHECK(message.rfind(file.string() + ": collections[1].fields.t.analyzer: unknown analyzer \"nope\"", 0) == 0);
    // The path is said once, whole: never the short form after the long one.
    CHECK(message.find(": fields.t.analyzer") == std::string::npos);
}

TEST_CASE("config_error_at keeps kind and type, and prefixes a message that names no path", "[app][config]") {
    const braid::Error bare(braid::ErrorKind::invalid_argument, "invalid_analyzer", "cannot build it");
    const auto moved = braid::app::config_error_at(bare, "analyzers.x", "c.json");
    CHECK(moved.kind() == braid::ErrorKind::invalid_argument);
    CHECK(moved.type() == "invalid_analyzer");
    CHECK(moved.path() == "analyzers.x");
    CHECK(std::string(moved.what()) == "c.json: analyzers.x: cannot build it");
}
