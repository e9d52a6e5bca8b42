// What an operator relies on: gzip for large answers, X-Request-Id echoed or made, and one JSON
// access-log line per request.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <fstream>
#include <set>
#include <sstream>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace json = boost::json;

namespace {

std::string gunzip(const std::string& bytes) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    std::string out;
    char buffer[65536];
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    REQUIRE(result == Z_STREAM_END);
    return out;
}

}  // namespace

TEST_CASE("answers over 1 KiB are gzipped for clients that accept it", "[e2e][gzip]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config()));
    Client c("127.0.0.1", server.port());
    REQUIRE(c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(40), "application/x-ndjson").status == 200);
    const std::string search = R"({"query": "cat", "k": 20})";
    const auto plain = c.request("POST", "/collections/docs/search", search);
    REQUIRE(plain.status == 200);
    REQUIRE(plain.body.size() > 1024);
    CHECK(plain.header("Content-Encoding").empty());
    CHECK(plain.header("Vary") == "Accept-Encoding");

    const auto zipped = c.request("POST", "/collections/docs/search", search, "application/json",
                                  {{"Accept-Encoding", "br;q=1.0, gzip;q=0.8"}});
    REQUIRE(zipped.status == 200);
    CHECK(zipped.header("Content-Encoding") == "gzip");
    CHECK(zipped.body.size() < plain.body.size());
    auto hits = [](const std::string& body) { return json::parse(body).at("hits"); };
    CHECK(hits(gunzip(zipped.body)) == hits(plain.body));  // took_ms differs, the hits do not

    const auto refused = c.request("POST", "/collections/docs/search", search, "application/json",
                                   {{"Accept-Encoding", "gzip;q=0, identity"}});
    CHECK(refused.header("Content-Encoding").empty());
    const auto small = c.request("GET", "/health", "", "", {{"Accept-Encoding", "gzip"}});
    CHECK(small.header("Content-Encoding").empty());
    CHECK(small.body == R"({"status":"ok"})");
}

TEST_CASE("X-Request-Id is echoed when sane, made up otherwise - one access-log line per request",
          "[e2e][access-log]") {
    TempDir dir;
    BraidServer server(dir.write("braid.json", test_config(R"(, "access_log": "logs.jsonl")")));
    Client c("127.0.0.1", server.port());
    CHECK(c.request("GET", "/health", "", "", {{"X-Request-Id", "trace-42:a.b_c"}}).header("X-Request-Id") ==
          "trace-42:a.b_c");
    std::set<std::string> made;
    for (int i = 0; i < 3; ++i) {
        const auto answer = c.request("GET", "/collections/docs/documents/missing", "", "",
                                      {{"X-Request-Id", "bad id with spaces"}});
        CHECK(answer.status == 404);
        const std::string id = answer.header("X-Request-Id");
        CHECK(id.size() == 16);
        made.insert(id);
    }
    CHECK(made.size() == 3);
    REQUIRE(c.request("PUT", "/collections/docs/documents/x", R"({"title": "t"})").status == 201);
    REQUIRE(server.terminate() == 0);  // the log is flushed line by line; stopping makes the count final

    std::ifstream in(dir / "logs.jsonl");
    std::vector<json::object> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line).as_object());
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].at("request_id") == "trace-42:a.b_c");
    CHECK(lines[0].at("route") == "/health");
    CHECK(lines[0].at("status") == 200);
    CHECK(lines[1].at("path") == "/collections/docs/documents/missing");
    CHECK(lines[1].at("route") == "/collections/{name}/documents/{id}");
    CHECK(lines[1].at("collection") == "docs");
    CHECK(lines[1].at("status") == 404);
    CHECK(made.contains(std::string(lines[2].at("request_id").as_string())));
    CHECK(lines[4].at("method") == "PUT");
    CHECK(lines[4].at("status") == 201);
    for (const auto& line : lines) {
        CHECK(line.at("bytes").to_number<double>() > 0);
        CHECK(line.at("duration_ms").to_number<double>() >= 0);
        CHECK(std::string(line.at("time").as_string()).size() == 24);  // 2026-11-26T14:03:07.123Z
    }
}
