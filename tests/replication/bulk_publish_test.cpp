// A bulk body on a sharded collection is published in records per shard without waiting for each
// acknowledgement: bad lines still fail alone, by their number and in line order, and where an id
// comes several times its last line wins on every node, as on one node.
#include <catch2/catch.hpp>

#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::NatsServer;

namespace {

const std::string kPets =
    R"([{"name": "pets", "fields": {"title": {"type": "text"}, "n": {"type": "integer"}}, "shards": 3}])";

}  // namespace

TEST_CASE("a pipelined bulk reports bad lines alone and in order, and the last line of an id wins", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    Node n1(NodeSpec{"n1", dir.path() / "n1", 0, {nats.url()}, 1, kPets});
    Node n2(NodeSpec{"n2", dir.path() / "n2", 0, {nats.url()}, 1, kPets});

    // 1,200 lines over 300 ids (each id 4 times, on 3 shards): lines 7, 450 and 1,111 are bad.
    std::string lines;
    for (int i = 1; i <= 1200; ++i) {
        std::string id = "k";
        id += std::to_string(i % 300);
        if (i == 7) lines += "{not json\n";
        else if (i == 450) lines += R"({"id": ")" + id + R"(", "title": "cat", "n": "not a number"})" + "\n";
        else if (i == 1111) lines += R"({"title": "no id"})" "\n";
        else lines += R"({"id": ")" + id + R"(", "title": "cat line )" + std::to_string(i) + R"(", "n": )" + std::to_string(i) + "}\n";
    }
    const auto bulk = n1.http().post("/collections/pets/documents/_bulk", lines, "application/x-ndjson");
    INFO(bulk.body);
    REQUIRE(bulk.status == 200);
    const auto answer = json_of(bulk);
    CHECK(answer.at("indexed") == 1197);
    CHECK(answer.at("failed") == 3);
    const auto& errors = answer.at("errors").as_array();
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].at("line") == 7);
    CHECK(errors[0].at("error").at("type") == "parse_error");
    CHECK(errors[1].at("line") == 450);
    CHECK(errors[1].at("id") == "k150");
    CHECK(errors[2].at("line") == 1111);
    const auto sequence = answer.at("sequence").to_number<std::uint64_t>();

    const auto found = n2.http().post("/collections/pets/search",
                                      R"({"query": "cat", "k": 1, "min_sequence": )" + std::to_string(sequence) + "}");
    REQUIRE(found.status == 200);
    for (auto* node : {&n1, &n2}) {
        CHECK(json_of(node->http().get("/collections/pets")).at("stats").at("documents") == 300);
        // k0: lines 300, 600, 900, 1200; k150: 150, 450 (bad), 750, 1050; k7: 7 (bad), 307, 607, 907.
        for (const auto& [id, last] : std::vector<std::pair<std::string, int>>{{"k0", 1200}, {"k150", 1050}, {"k7", 907}, {"k299", 1199}}) {
            const auto got = node->http().get("/collections/pets/documents/" + id);
            INFO(id << " " << got.body);
            REQUIRE(got.status == 200);
            CHECK(json_of(got).at("document").at("n") == last);
        }
    }
}
