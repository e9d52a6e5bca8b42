// server.search_workers and server.search_queue: defaults, values, and out-of-range errors.
#include <catch2/catch.hpp>

#include "config_helpers.hpp"

using namespace braid::config;
using namespace braid::config::test;

TEST_CASE("search_workers and search_queue default to one per core and 1024", "[config]") {
    const Config config = parse_config("{}");
    CHECK(config.server.search_workers == 0);
    CHECK(config.server.search_queue == 1024);
}

TEST_CASE("search_workers and search_queue are read, 0 included", "[config]") {
    const Config config = parse_config(R"({"server": {"search_workers": 3, "search_queue": 0}})");
    CHECK(config.server.search_workers == 3);
    CHECK(config.server.search_queue == 0);
}

TEST_CASE("a wrong search_workers or search_queue names its path", "[config]") {
    auto f = failure_of(R"({"server": {"search_workers": -1}})");
    CHECK(f.path == "server.search_workers");
    f = failure_of(R"({"server": {"search_workers": 5000}})");
    CHECK(f.path == "server.search_workers");
    f = failure_of(R"({"server": {"search_queue": "many"}})");
    CHECK(f.path == "server.search_queue");
}
