// Listing a collection's documents a page at a time (GET /collections/{name}/documents) and
// `braid export`, whose NDJSON POST .../_bulk takes back unchanged.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/support/json_compare.hpp"

namespace braid::e2e {
namespace {

using test_support::corpus_ndjson;
using test_support::embedding_of;
using test_support::json_of;
using test_support::TempDir;
using test_support::test_config;

using test_support::BraidServer;
using test_support::run_braid;

struct Page {
    std::vector<std::string> ids;
    std::string next;  // "" when there is no next page
};

Page list_page(Client& c, const std::string& collection, const std::string& query) {
    const auto response = c.request("GET", "/collections/" + collection + "/documents" + query);
    INFO(query << " -> " << response.body);
    REQUIRE(response.status == 200);
    const auto answer = json::parse(response.body);
    Page page;
    for (const auto& item : answer.at("documents").as_array()) {
        page.ids.emplace_back(item.at("id").as_string());
        CHECK(item.at("document").at("id") == item.at("id"));
    }
    if (answer.at("next_cursor").is_string()) page.next = std::string(answer.at("next_cursor").as_string());
    else CHECK(answer.at("next_cursor").is_null());
    return page;
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every document of a collection by id, through the listing route.
std::map<std::string, json::value> all_documents(Client& c, const std::string& collection) {
    std::map<std::string, json::value> out;
    std::string cursor;
    do {
        const auto response = c.request("GET", "/collections/" + collection + "/documents?limit=7" +
                                                   (cursor.empty() ? "" : "&cursor=" + cursor));
        REQUIRE(response.status == 200);
        const auto answer = json::parse(response.body);
        for (const auto& item : answer.at("documents").as_array())
            out[std::string(item.at("id").as_string())] = item.at("document");
        cursor = answer.at("next_cursor").is_string() ? std::string(answer.at("next_cursor").as_string()) : "";
    } while (!cursor.empty());
    return out;
}

// Equal JSON, numbers within a few ULPs (Boost.JSON 1.81 reads decimals to within 1 ULP, so a
// number re-printed and re-read may differ in its last bit).
bool same_json(const json::value& a, const json::value& b) {
    // Vectors come back from the dense index as float32 (under cosine, the unit vector times
    // its norm), so a component may differ from what was sent in its last float digits.
    return test_support::same_json(a, b, 1e-6);
}

std::vector<json::value> lines_of(const std::string& ndjson) {
    std::vector<json::value> out;
    std::size_t start = 0;
    while (start < ndjson.size()) {
        const auto end = ndjson.find('\n', start);
        out.push_back(json::parse(ndjson.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("documents are listed by id a page at a time, with a cursor valid across writes", "[e2e][documents]") {
    LoadedServer server;
    auto c = server.client();
    std::vector<std::string> all;
    for (int i = 0; i < kCorpusSize; ++i) all.push_back(doc_id(i));
    std::sort(all.begin(), all.end());

    SECTION("pages follow each other in id order, each document once") {
        std::vector<std::string> seen;
        std::string cursor;
        int pages = 0;
        do {
            const Page page = list_page(c, "docs", "?limit=15" + (cursor.empty() ? std::string() : "&cursor=" + cursor));
            seen.insert(seen.end(), page.ids.begin(), page.ids.end());
            cursor = page.next;
            ++pages;
        } while (!cursor.empty());
        CHECK(pages == 3);
        CHECK(seen == all);
        CHECK(list_page(c, "docs", "").ids.size() == kCorpusSize);  // default limit 100
    }
    SECTION("documents written after the cursor's position appear, removed ones disappear, none twice") {
        const Page first = list_page(c, "docs", "?limit=10");
        REQUIRE(first.ids == std::vector<std::string>(all.begin(), all.begin() + 10));
        REQUIRE(!first.next.empty());
        // Behind the cursor: a new id and a re-PUT of a listed one (neither may show again).
        REQUIRE(c.request("PUT", "/collections/docs/documents/a0", R"({"title":"before the cursor"})").status == 201);
        REQUIRE(c.request("PUT", "/collections/docs/documents/" + all[3], R"({"title":"rewritten"})").status == 200);
        // Ahead of it: one added, one removed.
        REQUIRE(c.request("PUT", "/collections/docs/documents/zz", R"({"title":"after the cursor"})").status == 201);
        REQUIRE(c.request("DELETE", "/collections/docs/documents/" + all[20]).status == 200);
        std::vector<std::string> rest;
        std::string cursor = first.next;
        while (!cursor.empty()) {
            const Page page = list_page(c, "docs", "?limit=10&cursor=" + cursor);
            rest.insert(rest.end(), page.ids.begin(), page.ids.end());
            cursor = page.next;
        }
        std::vector<std::string> expected(all.begin() + 10, all.end());
        expected.erase(std::find(expected.begin(), expected.end(), all[20]));
        expected.push_back("zz");
        CHECK(rest == expected);
    }
    SECTION("limits and cursors out of bounds are 400s naming them") {
        for (const char* query : {"?limit=1001", "?limit=0", "?limit=-1", "?limit=ten"}) {
            INFO(query);
            const auto error = require_error(c.request("GET", std::string("/collections/docs/documents") + query), 400,
                                             "limit");
            CHECK(std::string(error.at("message").as_string()).find("1000") != std::string::npos);
        }
        CHECK(list_page(c, "docs", "?limit=1000").ids.size() == kCorpusSize);
        require_error(c.request("GET", "/collections/docs/documents?cursor=not*a*cursor"), 400, "cursor");
        require_error(c.request("GET", "/collections/nope/documents"), 404);
    }
}

TEST_CASE("braid export writes NDJSON that _bulk takes back unchanged", "[e2e][cli][documents]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    std::map<std::string, json::value> original;
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        REQUIRE(json_of(c.request("POST", "/collections/docs/documents/_bulk", corpus_ndjson(25), "application/x-ndjson"))
                    .at("indexed") == 25);
        // Numbers as written, nested members, unicode, and a document PUT by path without its id.
        REQUIRE(c.request("PUT", "/collections/docs/documents/x%2Fslash",
                          R"({"title":"Ünïcode \"quoted\" title","year":2021,"extra":{"price":0.1,"big":12345678901234}})")
                    .status == 201);
        original = all_documents(c, "docs");
        REQUIRE(original.size() == 26);

        // Over HTTP from the running server.
        const auto remote = run_braid({"export", "--url", "http://127.0.0.1:" + std::to_string(server.port()),
                                       "--collection", "docs", "--out", (dir / "remote.ndjson").string()});
        INFO(remote.err);
        REQUIRE(remote.exit_code == 0);
        CHECK(remote.err.find("26 documents") != std::string::npos);
        REQUIRE(server.terminate() == 0);
    }
    // From the stored data (no server holds it now), to stdout.
    const auto local = run_braid({"export", "--config", config.string(), "--collection", "docs"});
    INFO(local.err);
    REQUIRE(local.exit_code == 0);
    // One order (by id), one shape; the local export keeps the stored text, the remote one re-prints it.
    const auto remote_lines = lines_of(read_file(dir / "remote.ndjson"));
    const auto local_lines = lines_of(local.out);
    REQUIRE(local_lines.size() == 26);
    REQUIRE(remote_lines.size() == 26);
    for (std::size_t i = 0; i < local_lines.size(); ++i) {
        INFO(json::serialize(local_lines[i]));
        CHECK(same_json(remote_lines[i], local_lines[i]));
    }
    CHECK(local_lines.front().at("id") == "d0");
    CHECK(local.out.find(R"("price":0.1,"big":12345678901234)") != std::string::npos);  // digits as sent

    BraidServer server(config);
    Client c("127.0.0.1", server.port());
    REQUIRE(c.request("PUT", "/collections/copy",
                      R"({"fields":{"title":{"type":"text","analyzer":"en"},"body":{"type":"text","analyzer":"en"},)"
                      R"("tags":{"type":"keyword"},"year":{"type":"integer"}},)"
                      R"("vector":{"field":"embedding","dimension":4,"metric":"cosine"}})")
                .status == 201);
    const auto loaded = json_of(c.request("POST", "/collections/copy/documents/_bulk", local.out, "application/x-ndjson"));
    CHECK(loaded.at("indexed") == 26);
    CHECK(loaded.at("failed") == 0);
    const auto copied = all_documents(c, "copy");
    REQUIRE(copied.size() == original.size());
    for (const auto& [id, document] : original) {
        INFO(id);
        REQUIRE(copied.contains(id));
        CHECK(same_json(copied.at(id), document));
    }
    CHECK(run_braid({"export", "--config", config.string()}).exit_code == 2);  // --collection is required
}

}  // namespace braid::e2e
