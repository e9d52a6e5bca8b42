// Collection names that try to leave data_dir, duplicate ids in one bulk body, invalid UTF-8 and
// absurdly deep JSON.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/hardening/hardening_support.hpp"

using namespace braid::hardening;
using braid::test_support::json_of;

namespace {

const std::string small_schema = R"({"fields":{"t":{"type":"text","analyzer":"en"}}})";

// Every path under the server's folder, relative to it, except the collection data of "docs".
std::set<std::string> files_outside_docs(const std::filesystem::path& root) {
    std::set<std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        const auto relative = std::filesystem::relative(entry.path(), root).generic_string();
        if (relative.find("/docs") == std::string::npos) out.insert(relative);
    }
    return out;
}

std::size_t document_count(braid::http::Client& c) {
    const auto answer = json_of(c.request("GET", "/collections"));
    for (const auto& entry : answer.at("collections").as_array())
        if (entry.at("name") == "docs") return static_cast<std::size_t>(entry.at("documents").to_number<double>());
    return 0;
}

}  // namespace

TEST_CASE("invalid collection names are 400 and create nothing anywhere", "[hardening]") {
    auto& server = shared_server();
    auto c = client();
    const auto before = files_outside_docs(server.dir.path());
    const std::vector<std::string> names = {
        "..%2F..%2Fetc", "..%2F..%2F..%2Fescaped", "a%2Fb", "..", ".", "%2E%2E", "a%00b", "a%20b",
        "a%5Cb", "%2Fetc", std::string(300, 'n'), "caf%C3%A9",
    };
    for (const auto& name : names) {
        INFO("name: " << name);
        const auto error = require_error(c.request("PUT", "/collections/" + name, small_schema), 400);
        CHECK(error.at("type") == "invalid_name");
        CHECK(c.request("GET", "/collections/" + name).status / 100 == 4);
        CHECK(c.request("DELETE", "/collections/" + name).status / 100 == 4);
        CHECK(c.request("POST", "/collections/" + name + "/search", R"({"query":"x"})").status / 100 == 4);
    }
    // A literal slash is a different route: 404 (or 405), never a collection.
    CHECK(c.request("PUT", "/collections/a/b", small_schema).status / 100 == 4);
    CHECK(c.request("PUT", "/collections/../../etc", small_schema).status / 100 == 4);
    CHECK(files_outside_docs(server.dir.path()) == before);
    const auto listed = json_of(c.request("GET", "/collections")).at("collections").as_array();
    CHECK(listed.size() == 1);
    CHECK(!std::filesystem::exists(server.dir.path() / "etc"));
    CHECK(!std::filesystem::exists(server.dir.path() / "outer" / "etc"));
    // The longest allowed name works and is dropped cleanly.
    const std::string longest(128, 'l');
    CHECK(c.request("PUT", "/collections/" + longest, small_schema).status == 201);
    CHECK(c.request("DELETE", "/collections/" + longest).status == 200);
    require_healthy();
}

TEST_CASE("duplicate ids in one bulk body: the last line wins and counts once", "[hardening]") {
    auto c = client();
    const auto count = document_count(c);
    std::string body;
    for (int i = 0; i < 5; ++i)
        body += R"({"id":"twice","title":"version )" + std::to_string(i) + R"(","embedding":[)" +
                (i == 4 ? "0,0,1,0" : "1,0,0,0") + "]}\n";
    const auto answer = c.request("POST", "/collections/docs/documents/_bulk", body, "application/x-ndjson");
    REQUIRE(answer.status == 200);
    CHECK(json_of(answer).at("failed") == 0);
    CHECK(document_count(c) == count + 1);
    CHECK(json_of(c.request("GET", "/collections/docs/documents/twice")).at("document").at("title") == "version 4");
    // The index holds the last vector, not an earlier one.
    const auto hits = json_of(post_search(c, R"({"vector":[0,0,1,0],"k":1})")).at("hits").as_array();
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].at("id") == "twice");
    const auto lexical = json_of(post_search(c, R"({"query":"version","k":10})")).at("hits").as_array();
    CHECK(lexical.size() == 1);
    CHECK(c.request("DELETE", "/collections/docs/documents/twice").status == 200);
    require_healthy();
}

TEST_CASE("invalid UTF-8 in JSON strings and NDJSON lines is rejected where it is", "[hardening]") {
    auto c = client();
    const std::vector<std::string> bad_strings = {"\xC0\xAF", "\xED\xA0\x80", "\xF8\x88\x80\x80\x80", "ab\x80",
                                                  "\xF4\x90\x80\x80", "\xE2\x82"};
    for (const auto& bad : bad_strings) {
        INFO("bytes of length " << bad.size());
        require_error(post_search(c, "{\"query\":\"" + bad + "\"}"), 400);
        require_error(c.request("PUT", "/collections/docs/documents/u1", "{\"title\":\"" + bad + "\"}"), 400);
        require_error(c.request("PUT", "/collections/docs/documents/u1", "{\"title\":\"t\",\"" + bad + "\":1}"), 400);
        require_error(c.request("POST", "/_analyze", "{\"text\":\"" + bad + "\"}"), 400);
    }
    CHECK(c.request("GET", "/collections/docs/documents/u1").status == 404);
    // In a bulk body only the bad line fails, reported with its number.
    const std::string bulk = R"({"id":"u2","title":"fine"})" "\n"
                             "{\"id\":\"u3\",\"title\":\"bad \xC3\x28 byte\"}\n"
                             "{\"id\":\"u4\xFF\",\"title\":\"bad id\"}\n"
                             R"({"id":"u5","title":"fine too"})" "\n";
    const auto answer = c.request("POST", "/collections/docs/documents/_bulk", bulk, "application/x-ndjson");
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    const auto report = json_of(answer);  // the report itself is valid JSON
    REQUIRE(report.is_object());
    CHECK(report.at("indexed") == 2);
    CHECK(report.at("failed") == 2);
    CHECK(report.at("errors").at(0).at("line") == 2);
    CHECK(report.at("errors").at(1).at("line") == 3);
    CHECK(c.request("GET", "/collections/docs/documents/u3").status == 404);
    CHECK(c.request("DELETE", "/collections/docs/documents/u2").status == 200);
    CHECK(c.request("DELETE", "/collections/docs/documents/u5").status == 200);
    // A lone surrogate escape is valid JSON syntax but no text: rejected, or stored and returned
    // as valid JSON; never a crash or a broken answer.
    const auto lone = c.request("PUT", "/collections/docs/documents/u6", R"({"title":"\ud800 x"})");
    INFO(lone.body);
    CHECK(lone.status != 500);
    if (lone.status / 100 == 2) {
        const auto got = c.request("GET", "/collections/docs/documents/u6");
        CHECK(json_of(got).is_object());
        CHECK(c.request("DELETE", "/collections/docs/documents/u6").status == 200);
    }
    require_healthy();
}

TEST_CASE("JSON nested absurdly deep is a 400, not a crash", "[hardening]") {
    auto c = client();
    // 32,000 to 65,000 levels fit under the 64 KiB body limit of the test config.
    std::string deep_array = std::string(32000, '[') + std::string(32000, ']');
    std::string deep_object;
    for (int i = 0; i < 6000; ++i) deep_object += "{\"a\":";
    deep_object += '1';
    deep_object.append(6000, '}');
    std::string unclosed = std::string(65000, '[');
    for (const std::string* body : {&deep_array, &deep_object, &unclosed}) {
        require_error(post_search(c, *body), 400);
        require_error(post_search(c, R"({"query":"cat","filter":)" + *body + "}"), 400);
        require_error(c.request("PUT", "/collections/docs/documents/deep", R"({"title":"t","extra":)" + *body + "}"), 400);
        require_error(c.request("PUT", "/collections/deep", *body), 400);
        const auto bulk = c.request("POST", "/collections/docs/documents/_bulk",
                                    R"({"id":"deep","extra":)" + *body + "}\n", "application/x-ndjson");
        INFO(bulk.body.substr(0, 500));
        CHECK(bulk.status / 100 != 5);
        if (bulk.status == 200) CHECK(json_of(bulk).at("failed") == 1);
    }
    CHECK(c.request("GET", "/collections/docs/documents/deep").status == 404);
    require_healthy();
}
