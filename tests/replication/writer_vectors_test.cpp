// A collection that embeds server-side (vector.embedder) is embedded once, by the node that takes
// the write: the vector travels in the record and the other nodes apply it without calling their
// model. Each node has its own OpenAI-protocol stand-in (tests/e2e/model_stand_ins.hpp), so the
// texts each one was asked to embed tell which node embedded what.
#include <catch2/catch.hpp>

#include <cmath>

#include "cluster/jetstream_log.hpp"
#include "cluster/nats_connection.hpp"
#include "cluster/replication_record.hpp"
#include "tests/e2e/model_stand_ins.hpp"
#include "tests/replication/cluster_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::replication_test;
using braid::test_support::NatsServer;
using braid::e2e::ToyEmbedder;
using braid::e2e::toy_embedding;
using namespace std::chrono_literals;

namespace {

std::string notes_collection(const std::string& embedder_url) {
    return R"([{"name": "notes", "fields": {"title": {"type": "text"}},
  "vector": {"field": "embedding", "dimension": 8, "metric": "cosine", "index": {"type": "flat"},
             "embedder": {"type": "openai", "url": ")" +
           embedder_url + R"(", "model": "toy", "batch_size": 4, "timeout_ms": 2000, "max_retries": 0}}}])";
}

// A lexical search (a hybrid one would embed the query) that waits for `sequence`; the hit count.
std::size_t lexical_hits(Node& node, const std::string& query, std::uint64_t sequence) {
    const auto found = node.http().post("/collections/notes/search", R"({"query": ")" + query +
                                                                        R"(", "mode": "lexical", "k": 100, "min_sequence": )" +
                                                                        std::to_string(sequence) + "}");
    INFO(found.body);
    REQUIRE(found.status == 200);
    return json_of(found).at("hits").as_array().size();
}

std::vector<double> stored_vector(Node& node, const std::string& id) {
    const auto got = node.http().get("/collections/notes/documents/" + id);
    INFO(got.body);
    REQUIRE(got.status == 200);
    const auto stored = json_of(got);
    std::vector<double> vector;
    for (const auto& x : stored.at("document").at("embedding").as_array()) vector.push_back(x.to_number<double>());
    return vector;
}

void check_same_direction(const std::vector<double>& stored, const std::vector<double>& expected) {
    REQUIRE(stored.size() == expected.size());
    double dot = 0, a = 0, b = 0;
    for (std::size_t i = 0; i < stored.size(); ++i) {
        dot += stored[i] * expected[i];
        a += stored[i] * stored[i];
        b += expected[i] * expected[i];
    }
    CHECK(dot / std::sqrt(a * b) == Approx(1.0).epsilon(1e-6));
}

}  // namespace

TEST_CASE("the writing node embeds once and the others apply its vector without their model", "[replication][cluster]") {
    if (!braid::test_support::on_path("nats-server")) BRAID_SKIP("nats-server is not installed");
    const braid::test_support::TempDir dir("braid-repl");
    NatsServer nats({"solo", dir.path() / "nats", 0, 0, {}});
    ToyEmbedder model1, model2;
    Node n1(NodeSpec{"n1", dir.path() / "n1", 0, {nats.url()}, 1, notes_collection(model1.url())});
    Node n2(NodeSpec{"n2", dir.path() / "n2", 0, {nats.url()}, 1, notes_collection(model2.url())});

    const auto put = sequence_of(n1.http().put("/collections/notes/documents/a", R"({"title": "statins lower cholesterol"})"));
    std::string lines;
    for (int i = 0; i < 30; ++i)
        lines += R"({"id": "b)" + std::to_string(i) + R"(", "title": )" +
                 (i == 11 ? std::string(R"("a poison pill")") : "\"bulk note " + std::to_string(i) + "\"") + "}\n";
    const auto bulk = n1.http().post("/collections/notes/documents/_bulk", lines, "application/x-ndjson");
    const auto bulk_sequence = sequence_of(bulk);
    CHECK(bulk_sequence > put);
    // The line the model refused fails alone, by its number; nothing of it is published.
    CHECK(json_of(bulk).at("indexed") == 29);
    CHECK(json_of(bulk).at("failed") == 1);
    CHECK(json_of(bulk).at("errors").at(0).at("line") == 12);
    CHECK(json_of(bulk).at("errors").at(0).at("error").at("type") == "embedder_error");

    CHECK(lexical_hits(n2, "note", bulk_sequence) == 29);
    CHECK(lexical_hits(n2, "statins", bulk_sequence) == 1);
    CHECK(model1.texts.load() == 30);  // each document once, on the writer
    CHECK(model2.texts.load() == 0);   // n2 applied them without its model
    CHECK(model2.server.requests_received() == 0);
    check_same_direction(stored_vector(n2, "a"), toy_embedding("statins lower cholesterol"));
    CHECK(stored_vector(n2, "b7") == stored_vector(n1, "b7"));
    CHECK(n2.http().get("/collections/notes/documents/b11").status == 404);

    // A record published before writers embedded (no vector in it) still applies: each node
    // embeds it as it did then.
    braid::cluster::NatsOptions options;
    options.urls = {nats.url()};
    braid::cluster::NatsConnection connection(options);
    braid::cluster::JetStreamLog log(connection, {"notes", 1, 120s});
    const auto old = log.append(0,
                                braid::cluster::encode_record({braid::cluster::RecordKind::upsert, "old",
                                                               R"({"title": "an older record about sleep"})"}),
                                "old-writer.1")
                         .sequence;
    CHECK(lexical_hits(n2, "sleep", old) == 1);
    CHECK(lexical_hits(n1, "sleep", old) == 1);
    CHECK(model2.texts.load() == 1);
    CHECK(model1.texts.load() == 31);
    check_same_direction(stored_vector(n2, "old"), toy_embedding("an older record about sleep"));
}
