#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "config/config.hpp"
#include "core/json_text.hpp"

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

// deploy/braid/braid-N.json: the issue's `cluster` section, and otherwise a config today's braid
// accepts (braid does not read `cluster` yet: deploy/README.md).
TEST_CASE("the node configs of deploy/ are braid configs with a cluster section", "[cluster][deploy]") {
    const std::filesystem::path dir = std::filesystem::path(BRAID_SOURCE_DIR) / "deploy" / "braid";
    for (int n = 1; n <= 3; ++n) {
        // Concatenations start from a std::string: GCC 12 warns wrongly (-Wrestrict) on "literal" + temporary.
        const std::string number = std::to_string(n);
        const auto file = dir / (std::string("braid-") + number + ".json");
        INFO(file.string());
        REQUIRE(std::filesystem::exists(file));
        boost::json::value root = boost::json::parse(read_file(file));
        auto& object = root.as_object();
        REQUIRE(object.contains("cluster"));
        const auto& cluster = object.at("cluster").as_object();
        CHECK(cluster.at("node").as_string() == std::string("n") + number);
        CHECK(cluster.at("advertise").as_string() == std::string("http://braid-") + number + ".internal:7700");
        const auto& nats = cluster.at("nats").as_array();
        REQUIRE(nats.size() == 3);
        CHECK(nats[0].as_string() == std::string("nats://nats-") + number + ".internal:4222");  // its own server first
        CHECK(cluster.at("replicas").as_int64() == 3);
        CHECK(cluster.size() == 4);

        object.erase("cluster");
        const braid::config::Config config = braid::config::parse_config(braid::json_text(root), dir);
        CHECK(config.server.port == 7700);
        CHECK(config.server.host == "0.0.0.0");
        CHECK(config.server.data_dir == "/var/lib/braid");
    }
}
