// What a newcomer trips over on the HTTP surface (issue 18), against the real binary: the list
// shape, a path on every error, "_bulk" reserved, NDJSON sent with `curl -d`, HEAD, CORS, ?pretty,
// numbers echoed as sent, and config errors that name their whole path and file.
#include "tests/e2e/e2e_helpers.hpp"

#include <string>
#include <vector>

namespace braid::e2e {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string message_of(const json::object& error) { return std::string(error.at("message").as_string()); }

// A server of its own with "docs" loaded (e2e_helpers.hpp).
using Server = LoadedServer;

}  // namespace

TEST_CASE("GET /collections answers the README's object, not an array", "[e2e][newcomer]") {
    Server server;
    auto c = server.client();
    const auto answer = json::parse(c.request("GET", "/collections").body);
    REQUIRE(answer.is_object());
    const auto& list = answer.at("collections").as_array();
    REQUIRE(list.size() == 1);
    CHECK(list[0].at("name") == "docs");
    CHECK(list[0].at("documents") == kCorpusSize);
}

TEST_CASE("every error carries a path: the member, or a $-location outside the body", "[e2e][newcomer][errors]") {
    Server server;
    auto c = server.client();
    const std::string doc = R"({"id":"n1","title":"t","body":"b","tags":["x"],"year":2020,"embedding":[1,0,0,0]})";
    require_error(c.request("GET", "/nowhere"), 404, "$url");
    require_error(c.request("GET", "/collections/missing"), 404, "$url.name");
    require_error(c.request("GET", "/collections/docs/documents/missing"), 404, "$url.id");
    require_error(c.request("DELETE", "/collections/docs/documents/missing"), 404, "$url.id");
    require_error(c.request("PATCH", "/collections/docs"), 405, "$method");
    require_error(c.request("PUT", "/collections/docs/documents/n1", doc, "text/plain"), 415, "$header.Content-Type");
    require_error(c.request("POST", "/collections/docs/search", std::string(70000, ' ')), 413, "$body");
    require_error(c.request("POST", "/collections/docs/search", "{}"), 400, "query");
    require_error(c.request("POST", "/collections/docs/search", R"({"query":)"), 400, "$body");
    require_error(c.request("PUT", "/collections/docs/documents/n1", "[1, 2]"), 400, "$body");
    require_error(c.request("PUT", "/collections/docs/documents/n1", R"({"id":"n1","year":"soon"})"), 400, "year");
    require_error(c.request("PUT", "/collections/a..b", R"({"fields":{"t":{"type":"text"}}})"), 400, "$url.name");
    require_error(c.request("PUT", "/collections/docs", R"({"fields":{"t":{"type":"text"}}})"), 409, "$url.name");

    SECTION("every bulk line error") {
        const std::string body = std::string("{\"id\": \"x1\", \"title\": \n") +   // 1: not JSON
                                 "[1, 2]\n" +                                     // 2: not an object
                                 R"({"title": "no id"})" + "\n" +                 // 3: no id
                                 R"({"id": "x4", "year": 20.5})" + "\n" +         // 4: a wrong member
                                 R"({"id": "x5", "embedding": [1, 0]})" + "\n";   // 5: a wrong vector
        const auto answer = json::parse(
            c.request("POST", "/collections/docs/documents/_bulk", body, "application/x-ndjson").body);
        const auto& errors = answer.at("errors").as_array();
        REQUIRE(errors.size() == 5);
        const std::vector<std::string> paths{"$line", "$line", "id", "year", "embedding"};
        for (std::size_t i = 0; i < errors.size(); ++i) {
            INFO(json::serialize(errors[i]));
            CHECK(errors[i].at("line") == i + 1);
            CHECK(errors[i].at("error").at("path") == paths[i].c_str());
        }
    }
}

TEST_CASE("a missing or wrong API key is a 401 naming the Authorization header", "[e2e][newcomer][errors]") {
    Server server(R"(, "api_key": "s3cret")", "s3cret");
    auto c = server.client();
    require_error(c.request("GET", "/collections"), 401, "$header.Authorization");
    require_error(c.request("GET", "/collections", "", "", Headers{{"Authorization", "Bearer wrong"}}), 401,
                  "$header.Authorization");
    CHECK(server.server->stderr_text().find("braid: API key enforced") != std::string::npos);
}

TEST_CASE("the startup log says when no API key is enforced", "[e2e][newcomer]") {
    Server server;
    const std::string log = server.server->stderr_text();
    CHECK(log.find("braid: no API key") != std::string::npos);
    CHECK(log.find("API key enforced") == std::string::npos);
}

TEST_CASE("_bulk is reserved: PUT, GET and DELETE on it are 405 with Allow: POST, never a document",
          "[e2e][newcomer]") {
    Server server;
    auto c = server.client();
    const std::string doc = R"({"id":"_bulk","title":"t","body":"b","tags":["x"],"year":2020,"embedding":[1,0,0,0]})";
    for (const auto& [method, body] : std::vector<std::pair<std::string, std::string>>{
             {"PUT", doc}, {"GET", ""}, {"DELETE", ""}}) {
        INFO(method);
        const auto response = c.request(method, "/collections/docs/documents/_bulk", body);
        require_error(response, 405, "$method");
        CHECK(response.header("Allow") == "POST");
    }
    CHECK(json::parse(c.request("GET", "/collections/docs").body).at("stats").at("documents") == kCorpusSize);
}

TEST_CASE("NDJSON whose newlines curl -d stripped is reported as such, with the fix", "[e2e][newcomer]") {
    Server server;
    auto c = server.client();
    // What `curl -d @docs.jsonl` sends: the documents glued on one line.
    std::string glued;
    for (int i = 0; i < 3; ++i) glued += json::serialize(test_support::corpus_doc(i));
    const auto answer = json::parse(
        c.request("POST", "/collections/docs/documents/_bulk", glued, "application/x-ndjson").body);
    CHECK(answer.at("indexed") == 0);
    REQUIRE(answer.at("errors").as_array().size() == 1);
    const auto& error = answer.at("errors").at(0).at("error");
    CHECK(error.at("type") == "concatenated_documents");
    CHECK(error.at("path") == "$line");
    CHECK(std::string(error.at("message").as_string()).find("--data-binary") != std::string::npos);
}

TEST_CASE("HEAD answers like GET without a body, on every GET route", "[e2e][newcomer]") {
    Server server;
    auto c = server.client();
    for (const char* target : {"/health", "/collections", "/collections/docs", "/collections/docs/documents/d3", "/"}) {
        INFO(target);
        const auto get = c.request("GET", target);
        const auto head = c.request("HEAD", target);  // on the same connection: the framing must hold
        CHECK(head.status == get.status);
        CHECK(head.body.empty());
        CHECK(head.header("Content-Type") == get.header("Content-Type"));
        if (get.header("Content-Encoding").empty()) CHECK(head.header("Content-Length") == std::to_string(get.body.size()));
    }
    const auto missing = c.request("HEAD", "/collections/docs/documents/missing");
    CHECK(missing.status == 404);
    CHECK(missing.body.empty());
    CHECK(c.request("GET", "/health").body == R"({"status":"ok"})");  // the connection is still in step
    const auto refused = c.request("POST", "/health");
    CHECK(refused.header("Allow") == "GET, HEAD");
}

TEST_CASE("CORS: preflight and Allow-Origin for configured origins only", "[e2e][newcomer][cors]") {
    Server server(R"(, "cors_origins": ["https://app.example"])");
    auto c = server.client();
    CHECK(server.server->stderr_text().find("CORS allowed for https://app.example") != std::string::npos);
    const Headers preflight{{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "POST"},
                            {"Access-Control-Request-Headers", "authorization, content-type"}};
    const auto ok = c.request("OPTIONS", "/collections/docs/search", "", "", preflight);
    CHECK(ok.status == 204);
    CHECK(ok.header("Access-Control-Allow-Origin") == "https://app.example");
    CHECK(ok.header("Access-Control-Allow-Methods").find("POST") != std::string::npos);
    const std::string allowed_headers = ok.header("Access-Control-Allow-Headers");
    for (const char* name : {"Authorization", "Content-Type", "X-Request-Id"}) {
        CHECK(allowed_headers.find(name) != std::string::npos);
    }
    CHECK_FALSE(ok.header("Access-Control-Max-Age").empty());

    const auto search = c.request("POST", "/collections/docs/search", R"({"query":"cat","k":1})", "application/json",
                                  Headers{{"Origin", "https://app.example"}});
    CHECK(search.status == 200);
    CHECK(search.header("Access-Control-Allow-Origin") == "https://app.example");
    CHECK(search.header("Vary").find("Origin") != std::string::npos);
    const auto error = c.request("GET", "/collections/missing", "", "", Headers{{"Origin", "https://app.example"}});
    CHECK(error.status == 404);
    CHECK(error.header("Access-Control-Allow-Origin") == "https://app.example");  // a page can read the error

    const auto other = c.request("GET", "/collections", "", "", Headers{{"Origin", "https://evil.example"}});
    CHECK(other.status == 200);
    CHECK(other.header("Access-Control-Allow-Origin").empty());
    const Headers other_preflight{{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}};
    CHECK(c.request("OPTIONS", "/collections/docs/search", "", "", other_preflight).header("Access-Control-Allow-Origin").empty());
}

TEST_CASE("CORS with an API key: the preflight needs none, the request itself does", "[e2e][newcomer][cors]") {
    Server server(R"(, "api_key": "s3cret", "cors_origins": ["*"])", "s3cret");
    auto c = server.client();
    const Headers preflight{{"Origin", "https://any.example"}, {"Access-Control-Request-Method", "POST"},
                            {"Access-Control-Request-Headers", "authorization"}};
    const auto ok = c.request("OPTIONS", "/collections/docs/search", "", "", preflight);
    CHECK(ok.status == 204);
    CHECK(ok.header("Access-Control-Allow-Origin") == "*");
    const auto refused = c.request("POST", "/collections/docs/search", R"({"query":"cat"})", "application/json",
                                   Headers{{"Origin", "https://any.example"}});
    require_error(refused, 401, "$header.Authorization");
    CHECK(refused.header("Access-Control-Allow-Origin") == "*");  // the page can read why
    const auto allowed = c.request("POST", "/collections/docs/search", R"({"query":"cat"})", "application/json",
                                   Headers{{"Origin", "https://any.example"}, {"Authorization", "Bearer s3cret"}});
    CHECK(allowed.status == 200);
    CHECK(allowed.header("Access-Control-Allow-Origin") == "*");
}

TEST_CASE("CORS is off by default: no CORS header, OPTIONS is not a method", "[e2e][newcomer][cors]") {
    Server server;
    auto c = server.client();
    const Headers origin{{"Origin", "https://app.example"}};
    const auto plain = c.request("GET", "/collections", "", "", origin);
    CHECK(plain.status == 200);
    for (const auto& [name, value] : plain.headers) CHECK(name.rfind("Access-Control-", 0) != 0);
    const Headers preflight{{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "POST"}};
    const auto options = c.request("OPTIONS", "/collections/docs/search", "", "", preflight);
    require_error(options, 405, "$method");
    CHECK(options.header("Access-Control-Allow-Origin").empty());
}

TEST_CASE("?pretty indents every answer, errors included, with the same content", "[e2e][newcomer]") {
    Server server;
    auto c = server.client();
    const std::string search = R"({"query":"cat","k":2,"vector":[0.1,0.2,0.3,0.4]})";
    const std::vector<std::pair<std::string, std::string>> requests{
        {"GET", "/health"}, {"GET", "/collections"}, {"GET", "/collections/docs"},
        {"GET", "/collections/docs/documents/d1"}, {"GET", "/nowhere"}, {"POST", "/collections/docs/search"},
        {"POST", "/_analyze"}};
    for (const auto& [method, target] : requests) {
        INFO(method << " " << target);
        const std::string body = target == "/_analyze" ? R"({"text":"Running cats"})" : method == "POST" ? search : "";
        const auto compact = c.request(method, target, body);
        const auto pretty = c.request(method, target + "?pretty", body);
        CHECK(pretty.status == compact.status);
        CHECK(pretty.body.find("\n  \"") != std::string::npos);
        CHECK(compact.body.find('\n') == std::string::npos);
        auto a = json::parse(compact.body), b = json::parse(pretty.body);
        if (a.is_object() && a.as_object().contains("took_ms")) {
            a.as_object().erase("took_ms");
            b.as_object().erase("took_ms");
        }
        CHECK(a == b);
    }
    const auto error = c.request("POST", "/collections/docs/search?pretty", R"({"k":2.5,"query":"x"})");
    CHECK(error.status == 400);
    CHECK(error.body.rfind("{\n  \"error\": {\n    \"type\": ", 0) == 0);
    CHECK(c.request("GET", "/collections?pretty=false").body.find('\n') == std::string::npos);
    const auto too_large = c.request("POST", "/collections/docs/search?pretty", std::string(70000, ' '));
    CHECK(too_large.status == 413);  // refused before the API sees it, pretty all the same
    CHECK(too_large.body.rfind("{\n  \"error\": {", 0) == 0);
}

TEST_CASE("error messages echo numbers one way, as sent", "[e2e][newcomer][errors]") {
    Server server;
    auto c = server.client();
    const auto k = require_error(c.request("POST", "/collections/docs/search", R"({"query":"x","k":2.5})"), 400, "k");
    CHECK(message_of(k).find("got 2.5") != std::string::npos);
    const auto year = require_error(
        c.request("POST", "/collections/docs/search", R"({"query":"x","filter":{"year":2021.5}})"), 400, "filter.year");
    CHECK(message_of(year).find("got 2021.5") != std::string::npos);
    const auto doc = require_error(c.request("PUT", "/collections/docs/documents/z", R"({"id":"z","year":0.000001})"),
                                   400, "year");
    CHECK(message_of(doc).find("got 0.000001") != std::string::npos);
    const auto alpha = require_error(c.request("POST", "/collections/docs/search",
                                               R"({"query":"x","vector":[1,0,0,0],"fusion":{"method":"linear","alpha":1.5}})"),
                                     400);
    CHECK(message_of(alpha).find("1.5") != std::string::npos);
    for (const auto& error : {k, year, doc, alpha}) {
        const std::string message = message_of(error);
        INFO(message);
        CHECK(message.find("E0") == std::string::npos);
        CHECK(message.find("E-") == std::string::npos);
        CHECK(message.find("00000,") == std::string::npos);
        CHECK(message.find(".500000") == std::string::npos);
    }
}

TEST_CASE("config errors the analyzers or the engine find name the file and the whole path", "[e2e][newcomer][config]") {
    test_support::TempDir dir("braid-e2e-config");
    const auto stem = dir.write("stem.json", R"({"server": {"port": 0, "data_dir": "d1"},
        "analyzers": {"k": {"filters": [{"stem": "klingon"}]}}})");
    const auto stem_run = test_support::run_braid({"serve", "--config", stem.string()});
    CHECK(stem_run.exit_code != 0);
    CHECK(stem_run.err.find("stem.json: analyzers.k.filters[0].stem: unknown stemmer language \"klingon\"") !=
          std::string::npos);
    const auto field = dir.write("field.json", R"({"server": {"port": 0, "data_dir": "d2"},
        "collections": [{"name": "a", "fields": {"t": {"type": "text", "analyzer": "nope"}}}]})");
    const auto field_run = test_support::run_braid({"serve", "--config", field.string()});
    CHECK(field_run.exit_code != 0);
    CHECK(field_run.err.find("field.json: collections[0].fields.t.analyzer: unknown analyzer \"nope\"") !=
          std::string::npos);
    const auto cors = dir.write("cors.json", R"({"server": {"port": 0, "data_dir": "d3", "cors_origin": ["*"]}})");
    const auto cors_run = test_support::run_braid({"serve", "--config", cors.string()});
    CHECK(cors_run.exit_code != 0);
    CHECK(cors_run.err.find("did you mean \"cors_origins\"?") != std::string::npos);
}

}  // namespace braid::e2e
