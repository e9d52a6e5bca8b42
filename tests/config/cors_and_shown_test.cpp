#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "config/json_kit.hpp"
#include "tests/config/config_helpers.hpp"

using braid::config::parse_config;
using braid::config::test::failure_of;

TEST_CASE("server.cors_origins: off by default, exact origins or \"*\"", "[config][cors]") {
    CHECK(parse_config("{}").server.cors_origins.empty());
    CHECK(parse_config(R"({"server": {"cors_origins": null}})").server.cors_origins.empty());
    const auto config = parse_config(R"({"server": {"cors_origins": ["https://app.example", "http://localhost:3000", "*"]}})");
    CHECK(config.server.cors_origins ==
          std::vector<std::string>{"https://app.example", "http://localhost:3000", "*"});
}

TEST_CASE("server.cors_origins mistakes name their path, with a suggestion", "[config][cors]") {
    const auto misspelt = failure_of(R"({"server": {"cors_origin": ["*"]}})");
    CHECK(misspelt.path == "server.cors_origin");
    CHECK(misspelt.message == R"(server.cors_origin: unknown key (did you mean "cors_origins"?))");
    CHECK(failure_of(R"({"server": {"cors_origins": "*"}})").path == "server.cors_origins");
    CHECK(failure_of(R"({"server": {"cors_origins": [""]}})").path == "server.cors_origins[0]");
    const auto no_scheme = failure_of(R"({"server": {"cors_origins": ["*", "app.example"]}})");
    CHECK(no_scheme.path == "server.cors_origins[1]");
    CHECK(no_scheme.message.find("\"app.example\"") != std::string::npos);
    const auto with_path = failure_of(R"({"server": {"cors_origins": ["https://app.example/"]}})");
    CHECK(with_path.path == "server.cors_origins[0]");
    CHECK(with_path.message.find(R"(did you mean "https://app.example"?)") != std::string::npos);
}

TEST_CASE("values are echoed one way in messages, numbers as JavaScript prints them", "[config][errors]") {
    using braid::config::json_kit::shown;
    CHECK(shown(boost::json::parse("2.5")) == "2.5");           // not 2.5E0
    CHECK(shown(boost::json::parse("2021.5")) == "2021.5");     // not 2021.500000
    CHECK(shown(boost::json::parse("[0.1, 1e-7, 10]")) == "[0.1,1e-7,10]");
    CHECK(shown(boost::json::parse(R"({"k": "v"})")) == R"({"k":"v"})");
    CHECK(failure_of(R"({"server": {"port": 80.5}})").message.find("got 80.5") != std::string::npos);
}
