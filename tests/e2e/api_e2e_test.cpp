// Every route of DESIGN.md's REST contract against the real `braid serve` over a real socket.
#include <catch2/catch.hpp>

#include <memory>
#include <set>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

// One server for this file, loaded with the corpus through the bulk route.
struct SharedServer {
    TempDir dir;
    std::unique_ptr<BraidServer> server;
    json::value bulk_answer;

    SharedServer() {
        const auto config = dir.write("braid.json", test_config());
        server = std::make_unique<BraidServer>(config);
        Client client("127.0.0.1", server->port());
        // Three bad lines among the good ones: bad JSON, no id, wrong vector dimension.
        std::string body = corpus_ndjson(20);
        body += "{not json\n";
        body += R"({"title":"no id here","embedding":[1,0,0,0]})" "\n";
        body += R"({"id":"bad-dim","title":"x","embedding":[1,0]})" "\n";
        body += corpus_ndjson(40).substr(corpus_ndjson(20).size());
        bulk_answer = json_of(client.request("POST", "/collections/docs/documents/_bulk", body,
                                             "application/x-ndjson"));
    }
};

SharedServer& shared() {
    static SharedServer instance;
    return instance;
}

Client client() { return Client("127.0.0.1", shared().server->port()); }

std::vector<std::string> hit_ids(const json::value& answer) {
    std::vector<std::string> ids;
    for (const auto& hit : answer.at("hits").as_array()) ids.emplace_back(hit.at("id").as_string());
    return ids;
}

void require_error(const braid::http::ClientResponse& response, unsigned status, const std::string& type = "") {
    INFO(response.body);
    REQUIRE(response.status == status);
    const auto body = json_of(response);
    REQUIRE(body.is_object());
    const auto& error = body.at("error");
    CHECK(error.at("type").is_string());
    CHECK_FALSE(error.at("message").as_string().empty());
    CHECK_FALSE(error.at("path").as_string().empty());  // every error has one (issue 18)
    if (!type.empty()) CHECK(error.at("type") == type.c_str());
}

json::value search(Client& c, const json::object& body) {
    const auto response = c.request("POST", "/collections/docs/search", json::serialize(body));
    INFO(response.body);
    REQUIRE(response.status == 200);
    return json_of(response);
}

}  // namespace

TEST_CASE("GET /health and GET /collections", "[e2e]") {
    auto c = client();
    const auto health = c.request("GET", "/health");
    CHECK(health.status == 200);
    CHECK(health.header("Content-Type") == "application/json");
    CHECK(json_of(health) == json::parse(R"({"status":"ok"})"));
    shared();
    const auto list = json_of(c.request("GET", "/collections"));
    const auto& collections = list.at("collections").as_array();
    REQUIRE(collections.size() >= 1);
    bool found = false;
    for (const auto& entry : collections) {
        if (entry.at("name") == "docs") {
            found = true;
            CHECK(entry.at("documents") == 40);
        }
    }
    CHECK(found);
}

TEST_CASE("bulk NDJSON indexes the good lines and reports each bad one with its line", "[e2e]") {
    const auto& answer = shared().bulk_answer;
    INFO(json::serialize(answer));
    CHECK(answer.at("indexed") == 40);
    CHECK(answer.at("failed") == 3);
    const auto& errors = answer.at("errors").as_array();
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].at("line") == 21);
    CHECK(errors[1].at("line") == 22);
    CHECK(errors[2].at("line") == 23);
    CHECK(errors[2].at("id") == "bad-dim");
    for (const auto& error : errors) {
        CHECK(error.at("error").at("type").is_string());
        CHECK(error.at("error").at("message").is_string());
    }
    auto c = client();
    // Duplicate ids in one body: the last line wins.
    const auto duplicates = c.request("POST", "/collections/docs/documents/_bulk",
                                      R"({"id":"dup","title":"first","embedding":[1,0,0,0]})" "\n"
                                      R"({"id":"dup","title":"second","embedding":[0,1,0,0]})" "\n",
                                      "application/x-ndjson");
    CHECK(duplicates.status == 200);
    CHECK(json_of(c.request("GET", "/collections/docs/documents/dup")).at("document").at("title") == "second");
    CHECK(c.request("DELETE", "/collections/docs/documents/dup").status == 200);
    const auto wrong_type =
        c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(1), "application/json");
    require_error(wrong_type, 415, "unsupported_media_type");
    CHECK(wrong_type.body.find("application/x-ndjson") != std::string::npos);
    require_error(c.request("POST", "/collections/nope/documents/_bulk", corpus_ndjson(1), "application/x-ndjson"), 404);
}

TEST_CASE("POST /_analyze shows what an analyzer makes of a text", "[e2e]") {
    auto c = client();
    const auto response = c.request("POST", "/_analyze",
                                    R"({"analyzer":"english","text":"Running CATS are jumping!"})");
    INFO(response.body);
    REQUIRE(response.status == 200);
    const auto analyzed = json_of(response);
    std::vector<std::string> tokens;
    for (const auto& token : analyzed.at("tokens").as_array()) {
        tokens.emplace_back(token.at("token").as_string());
        CHECK(token.at("start").as_int64() < token.at("end").as_int64());
    }
    CHECK(tokens == std::vector<std::string>{"run", "cat", "jump"});
    const auto& first = analyzed.at("tokens").at(0);
    CHECK(first.at("start") == 0);
    CHECK(first.at("end") == 7);
    CHECK(json_of(c.request("POST", "/_analyze", R"({"analyzer":"en","text":"The cats"})")).at("tokens").as_array().size() == 1);
    require_error(c.request("POST", "/_analyze", R"({"analyzer":"klingon","text":"x"})"), 400);
    require_error(c.request("POST", "/_analyze", R"({"text":"x","extra":1})"), 400, "unknown_member");
}

TEST_CASE("collections: create 201, conflict 409, describe, drop 200 then 404", "[e2e]") {
    auto c = client();
    const std::string schema =
        R"({"id_field":"id","fields":{"title":{"type":"text","analyzer":"english"}},"vector":{"dimension":3}})";
    const auto created = c.request("PUT", "/collections/books", schema);
    INFO(created.body);
    REQUIRE(created.status == 201);
    require_error(c.request("PUT", "/collections/books", schema), 409);
    const auto described = json_of(c.request("GET", "/collections/books"));
    CHECK(described.at("name") == "books");
    CHECK(described.at("schema").at("fields").as_object().contains("title"));
    const auto& stats = described.at("stats");
    for (const char* key : {"documents", "terms", "postings", "vectors", "memory_bytes"}) {
        CHECK(stats.as_object().contains(key));
    }
    CHECK(c.request("PUT", "/collections/books/documents/b1",
                    R"({"title":"A tale of two cities","embedding":[1,2,3]})").status == 201);
    CHECK(json_of(c.request("GET", "/collections/books")).at("stats").at("documents") == 1);
    CHECK(c.request("DELETE", "/collections/books").status == 200);
    require_error(c.request("DELETE", "/collections/books"), 404);
    require_error(c.request("GET", "/collections/books"), 404);
    require_error(c.request("GET", "/collections/books/documents/b1"), 404);
    // Invalid names, traversal included, and invalid schemas are 400s.
    require_error(c.request("PUT", "/collections/..%2Fetc", schema), 400);
    require_error(c.request("PUT", "/collections/a%20b", schema), 400);
    require_error(c.request("PUT", "/collections/broken", R"({"fields":{"t":{"type":"texty"}}})"), 400);
    require_error(c.request("PUT", "/collections/broken", R"({"fields":)"), 400, "parse_error");
    require_error(c.request("PUT", "/collections/broken", schema, "text/plain"), 415);
}

TEST_CASE("documents: upsert 201 then 200, get as sent, delete 200 then 404", "[e2e]") {
    auto c = client();
    shared();
    const std::string doc =
        R"({"id":"x/1","title":"Caf\u00e9 cats","body":"b","tags":["even"],"year":2020,"embedding":[1,0,0,0],"extra":{"kept":[1,2]}})";
    const auto created = c.request("PUT", "/collections/docs/documents/x%2F1", doc);
    INFO(created.body);
    CHECK(created.status == 201);
    CHECK(c.request("PUT", "/collections/docs/documents/x%2F1", doc).status == 200);
    const auto got = json_of(c.request("GET", "/collections/docs/documents/x%2F1"));
    CHECK(got.at("id") == "x/1");
    CHECK(got.at("document") == json::parse(doc));
    require_error(c.request("PUT", "/collections/docs/documents/other", doc), 400);  // id mismatch
    require_error(c.request("PUT", "/collections/docs/documents/v",
                            R"({"title":"t","embedding":[1,0]})"), 400);             // dimension
    require_error(c.request("PUT", "/collections/docs/documents/v", "[1,2]"), 400);
    require_error(c.request("PUT", "/collections/docs/documents/v", R"({"year":"soon","embedding":[1,0,0,0]})"), 400);
    require_error(c.request("PUT", "/collections/docs/documents/v", R"({"embedding":[0,0,0,0]})"), 400);  // zero under cosine
    require_error(c.request("PUT", "/collections/docs/documents/v", "{}", "text/plain"), 415);
    require_error(c.request("PUT", "/collections/nope/documents/v", "{}"), 404);
    CHECK(c.request("DELETE", "/collections/docs/documents/x%2F1").status == 200);
    require_error(c.request("DELETE", "/collections/docs/documents/x%2F1"), 404);
    require_error(c.request("GET", "/collections/docs/documents/x%2F1"), 404, "document_not_found");
}

TEST_CASE("search: lexical, dense and hybrid with rrf and linear", "[e2e]") {
    shared();
    auto c = client();
    const auto lexical = search(c, {{"query", "dog"}, {"k", 5}});
    CHECK(lexical.at("fusion").is_null());
    REQUIRE(lexical.at("hits").as_array().size() == 5);
    const auto& top = lexical.at("hits").at(0);
    CHECK(top.at("document").at("body").as_string().find("dog") != json::string::npos);
    CHECK(top.at("lexical").at("rank") == 1);
    CHECK(top.as_object().contains("score"));
    CHECK(lexical.as_object().contains("took_ms"));

    json::array vector = embedding_of(7);
    const auto dense = search(c, {{"vector", vector}, {"k", 3}});
    CHECK(dense.at("fusion").is_null());
    CHECK(dense.at("hits").at(0).at("id") == "d7");  // its own embedding is the nearest
    CHECK(dense.at("hits").at(0).at("dense").at("score").to_number<double>() == Approx(1.0).epsilon(1e-4));

    const auto rrf = search(c, {{"query", "dog"}, {"vector", vector}, {"k", 5}});
    const auto& fusion = rrf.at("fusion");
    CHECK(fusion.at("method") == "rrf");
    CHECK(fusion.at("k").to_number<double>() == 60);
    CHECK(fusion.at("window").to_number<double>() == 100);
    CHECK(rrf.at("hits").as_array().size() == 5);
    for (const auto& hit : rrf.at("hits").as_array()) {
        double expected = 0;
        if (hit.as_object().contains("lexical")) expected += 1.0 / (60 + hit.at("lexical").at("rank").to_number<double>());
        if (hit.as_object().contains("dense")) expected += 1.0 / (60 + hit.at("dense").at("rank").to_number<double>());
        CHECK(hit.at("score").to_number<double>() == Approx(expected));
    }

    const auto linear = search(c, {{"query", "dog"}, {"vector", vector}, {"k", 5},
                                   {"fusion", {{"method", "linear"}, {"alpha", 0.7}, {"normalization", "minmax"}}}});
    CHECK(linear.at("fusion").at("method") == "linear");
    CHECK(linear.at("fusion").at("alpha").to_number<double>() == Approx(0.7));
    CHECK(linear.at("fusion").at("normalization") == "minmax");
    for (const auto& hit : linear.at("hits").as_array()) {
        CHECK(hit.at("score").to_number<double>() <= 1.0 + 1e-9);
    }
}

TEST_CASE("search: pagination, filters and explain", "[e2e]") {
    shared();
    auto c = client();
    for (const json::object& base : {json::object{{"query", "cat"}},
                                    json::object{{"query", "cat"}, {"vector", embedding_of(3)}}}) {
        json::object all = base, page1 = base, page2 = base;
        all["k"] = 20;
        page1["k"] = 10;
        page2["k"] = 10;
        page2["offset"] = 10;
        const auto ids_all = hit_ids(search(c, all));
        const auto ids1 = hit_ids(search(c, page1));
        const auto ids2 = hit_ids(search(c, page2));
        REQUIRE(ids_all.size() == 20);
        CHECK(ids1 == std::vector<std::string>(ids_all.begin(), ids_all.begin() + 10));
        CHECK(ids2 == std::vector<std::string>(ids_all.begin() + 10, ids_all.end()));
    }

    const auto filtered = search(c, {{"query", "cat"}, {"k", 50},
                                     {"filter", {{"year", {{"gte", 2015}}}, {"tags", json::array{"odd"}}}}});
    REQUIRE_FALSE(filtered.at("hits").as_array().empty());
    for (const auto& hit : filtered.at("hits").as_array()) {
        CHECK(hit.at("document").at("year").as_int64() >= 2015);
        CHECK(hit.at("document").at("tags").at(0) == "odd");
    }
    const auto dense_filtered = search(c, {{"vector", embedding_of(0)}, {"k", 50}, {"filter", {{"tags", "round"}}}});
    std::set<std::string> round;
    for (const auto& id : hit_ids(dense_filtered)) round.insert(id);
    CHECK(round == std::set<std::string>{"d0", "d10", "d20", "d30"});

    const auto explained = search(c, {{"query", "jumping dog"}, {"vector", embedding_of(3)}, {"k", 3}, {"explain", true}});
    const auto& hit = explained.at("hits").at(0);
    const auto& side = hit.as_object().contains("lexical") ? hit.at("lexical") : hit.at("dense");
    CHECK(side.as_object().contains("contribution"));
    bool saw_terms = false;
    for (const auto& h : explained.at("hits").as_array()) {
        if (!h.as_object().contains("explanation")) continue;
        for (const auto& term : h.at("explanation").at("terms").as_array()) {
            saw_terms = true;
            CHECK(term.as_object().contains("tf"));
            CHECK(term.as_object().contains("idf"));
            CHECK(term.as_object().contains("field_length"));
        }
    }
    CHECK(saw_terms);
}

TEST_CASE("error codes: 400 with a path, 404, 405, 413, 415", "[e2e]") {
    shared();
    auto c = client();
    const auto bad_k = c.request("POST", "/collections/docs/search", R"({"query":"cat","k":-1})");
    require_error(bad_k, 400);
    CHECK(json_of(bad_k).at("error").at("path") == "k");
    const auto too_big_k = c.request("POST", "/collections/docs/search", R"({"query":"cat","k":101})");
    require_error(too_big_k, 400);  // server.max_k is 100 in this config
    const auto unknown = c.request("POST", "/collections/docs/search", R"({"query":"cat","size":3})");
    require_error(unknown, 400, "unknown_member");
    CHECK(json_of(unknown).at("error").at("path") == "size");
    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat","fusion":{"method":"borda"}})"), 400);
    require_error(c.request("POST", "/collections/docs/search", R"({"vector":[1,0,0]})"), 400);        // dimension
    require_error(c.request("POST", "/collections/docs/search", R"({"vector":[0,0,0,0]})"), 400);      // zero vector
    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat")"), 400, "parse_error");
    require_error(c.request("POST", "/collections/docs/search", "{\"query\":\"\xff\"}"), 400, "parse_error");
    require_error(c.request("POST", "/collections/docs/search", std::string(200, '[') + std::string(200, ']')), 400);
    require_error(c.request("POST", "/collections/docs/search", R"({"k":3})"), 400);

    require_error(c.request("POST", "/collections/nope/search", R"({"query":"cat"})"), 404);
    require_error(c.request("GET", "/no/such/route"), 404, "route_not_found");
    require_error(c.request("GET", "/collections/%FF%FE"), 400, "invalid_path");
    require_error(c.request("GET", "/collections/bad%zz"), 400, "invalid_path");
    require_error(c.request("GET", "/collections/docs/documents/missing"), 404);

    const auto wrong_method = c.request("DELETE", "/collections/docs/search");
    require_error(wrong_method, 405, "method_not_allowed");
    CHECK(wrong_method.header("Allow") == "POST");
    require_error(c.request("POST", "/health"), 405);

    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat"})", "text/plain"), 415);
    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat"})", ""), 415);
    CHECK(c.request("POST", "/collections/docs/search", R"({"query":"cat"})", "application/json; charset=utf-8").status == 200);

    const auto too_large = c.request("POST", "/collections/docs/search",
                                     R"({"query":")" + std::string(70000, 'a') + "\"}");
    require_error(too_large, 413, "payload_too_large");
    CHECK(c.request("GET", "/health").status == 200);  // the client reconnects; the server is fine
}
