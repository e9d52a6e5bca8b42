// Collections created or dropped through the API keep that state across restarts, and a stored
// collection whose schema disagrees with the config file stops the server with a clear message.
#include <catch2/catch.hpp>

#include "tests/durability/durability_support.hpp"

namespace braid::durability {
namespace {

constexpr std::uint64_t kNoBackgroundSnapshots = 1ull << 40;

std::string docs_of(const std::string& collection) { return "/collections/" + collection + "/documents/"; }

void put_documents(HttpClient& client, const std::string& collection, int count) {
    for (int n = 0; n < count; ++n) {
        const std::string id = std::string("x").append(std::to_string(n));
        REQUIRE(client.put(docs_of(collection) + id, document_json(id, 1)).status == 201);
    }
}

enum class Stop { kill, terminate };
void stop(BraidServer& server, Stop how) {
    if (how == Stop::kill) server.kill_hard();
    else REQUIRE(server.terminate() == 0);
}

}  // namespace

TEST_CASE("a collection created through the API survives restarts", "[durability][collections]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoBackgroundSnapshots);
    const Stop how = GENERATE(Stop::kill, Stop::terminate);
    INFO((how == Stop::kill ? "SIGKILL" : "SIGTERM"));
    boost::json::value created_schema;
    {
        BraidServer server(home.config_file(), home.serve_options("create"));
        HttpClient client(server.port());
        REQUIRE(client.put("/collections/extra", collection_schema("extra")).status == 201);
        created_schema = parse_json(client.get("/collections/extra").body).at("schema");
        const auto sent = parse_json(collection_schema("extra")).at("fields").as_object();
        REQUIRE(created_schema.at("fields").as_object().size() == sent.size());
        for (const auto& [name, field] : sent)
            REQUIRE(created_schema.at("fields").at(name).at("type") == field.at("type"));
        put_documents(client, "extra", 7);
        stop(server, how);
    }
    for (const char* label : {"first", "second"}) {
        INFO(label << " restart");
        BraidServer server(home.config_file(), home.serve_options(label));
        HttpClient client(server.port());
        const HttpResponse r = client.get("/collections/extra");
        REQUIRE(r.status == 200);
        CHECK(parse_json(r.body).at("schema") == created_schema);  // as the server that created it described it
        CHECK(parse_json(r.body).at("schema").at("vector").at("dimension").to_number<int>() == static_cast<int>(kDimension));
        CHECK(listed_documents(client, "extra") == std::size_t{7});
        CHECK(stored_version(client, "extra", "x6") == 1);
        CHECK(listed_documents(client, kCollection) == std::size_t{0});
        stop(server, how);
    }
}

TEST_CASE("a collection dropped through the API stays dropped", "[durability][collections]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoBackgroundSnapshots);
    const Stop how = GENERATE(Stop::kill, Stop::terminate);
    INFO((how == Stop::kill ? "SIGKILL" : "SIGTERM"));
    {
        BraidServer server(home.config_file(), home.serve_options("create"));
        HttpClient client(server.port());
        REQUIRE(client.put("/collections/gone", collection_schema("gone")).status == 201);
        put_documents(client, "gone", 5);
        REQUIRE(server.terminate() == 0);  // the collection is now in a snapshot, not only the log
    }
    {
        BraidServer server(home.config_file(), home.serve_options("drop"));
        HttpClient client(server.port());
        REQUIRE(listed_documents(client, "gone") == std::size_t{5});
        REQUIRE(client.del("/collections/gone").status == 200);
        stop(server, how);
    }
    {
        BraidServer server(home.config_file(), home.serve_options("after-drop"));
        HttpClient client(server.port());
        CHECK(client.get("/collections/gone").status == 404);
        CHECK_FALSE(listed_documents(client, "gone").has_value());
        // Created again under the same name, it starts empty: nothing of the old data comes back.
        REQUIRE(client.put("/collections/gone", collection_schema("gone")).status == 201);
        CHECK(listed_documents(client, "gone") == std::size_t{0});
        CHECK_FALSE(stored_version(client, "gone", "x1").has_value());
        stop(server, how);
    }
    BraidServer server(home.config_file(), home.serve_options("recreated"));
    HttpClient client(server.port());
    CHECK(listed_documents(client, "gone") == std::size_t{0});
}

TEST_CASE("a stored collection whose schema conflicts with the config file stops the server", "[durability][collections]") {
    ServerHome home;
    home.write_config({collection_schema(kCollection)}, kNoBackgroundSnapshots);
    const Stop how = GENERATE(Stop::kill, Stop::terminate);  // stored in the log only / in a snapshot
    INFO((how == Stop::kill ? "stored in the log" : "stored in a snapshot"));
    {
        BraidServer server(home.config_file(), home.serve_options("first"));
        HttpClient client(server.port());
        put_documents(client, kCollection, 3);
        stop(server, how);
    }
    home.write_config({collection_schema(kCollection, 16)}, kNoBackgroundSnapshots);
    test_support::RunOptions until_it_exits;
    until_it_exits.patience = std::chrono::seconds(20);
    const test_support::RunResult result =
        test_support::run_braid({"serve", "--config", home.config_file().string()}, until_it_exits);
    INFO("stderr: " << result.err);
    REQUIRE_FALSE(result.timed_out());
    CHECK(result.exit_code != 0);
    CHECK(result.out.find("listening") == std::string::npos);
    CHECK(result.err.find(kCollection) != std::string::npos);

    // The data is untouched: with the original schema back, the documents are all there.
    home.write_config({collection_schema(kCollection)}, kNoBackgroundSnapshots);
    BraidServer server(home.config_file(), home.serve_options("restored"));
    HttpClient client(server.port());
    CHECK(listed_documents(client, kCollection) == std::size_t{3});
}

}  // namespace braid::durability
