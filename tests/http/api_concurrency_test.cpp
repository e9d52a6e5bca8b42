// The whole server in one process, as `braid serve` wires it (Catalog with a data folder, Api,
// Server on a pool of I/O threads), under concurrent clients on real sockets: writers, bulk
// loads, searches, reads and collections created and dropped, all at once. Run under
// ThreadSanitizer by scripts/sanitize.sh; here it also checks that every answer is right.
#include <catch2/catch.hpp>

#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"
#include "http/api.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "tests/support/temp_dir.hpp"

namespace json = boost::json;
using braid::http::Client;

namespace {

constexpr int kWriters = 2;
constexpr int kDocsPerWriter = 40;
constexpr int kSearchers = 2;
constexpr int kSearchesEach = 40;

braid::config::CollectionConfig notes_schema() {
    return braid::config::parse_collection(json::parse(R"({
        "id_field": "id",
        "fields": {"title": {"type": "text", "analyzer": "english"}, "n": {"type": "integer"}},
        "vector": {"field": "embedding", "dimension": 3, "metric": "cosine",
                   "index": {"type": "hnsw", "m": 8, "ef_construction": 40, "ef_search": 40}}
    })"), "collections[0]", std::string("notes"));
}

// "w1-3" (appended: GCC 12 warns, wrongly, on `"w" + std::to_string(w)`).
std::string numbered(const char* prefix, int a, int b) {
    std::string id = prefix;
    id += std::to_string(a);
    id += '-';
    id += std::to_string(b);
    return id;
}

std::string note(const std::string& id, int version) {
    return json::serialize(json::object{{"id", id},
                                        {"title", std::string("note about cats number ") + std::to_string(version)},
                                        {"n", version},
                                        {"embedding", json::array{1.0, 0.1 * (version % 7), 0.5}}});
}

// Catalog, Api and Server on its own thread, stopped gracefully at scope exit.
class InProcessServer {
public:
    explicit InProcessServer(const std::filesystem::path& data_dir)
        : catalog_(opened_catalog(data_dir)),
          api_(*catalog_, braid::http::ApiOptions{std::nullopt, {100, 1000, 1000}}),
          server_(options(), [this](const braid::http::Request& r) { return api_.handle(r); }),
          thread_([this] { server_.run(); }) {}
    ~InProcessServer() {
        server_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return server_.port(); }

private:
    static std::unique_ptr<braid::engine::Catalog> opened_catalog(const std::filesystem::path& data_dir) {
        auto catalog = std::make_unique<braid::engine::Catalog>(
            braid::engine::CatalogOptions{data_dir, 1 << 20},  // small: snapshots happen meanwhile
            braid::analyzers::AnalyzerRegistry::with_builtins());
        catalog->open({notes_schema()});
        return catalog;
    }
    static braid::http::ServerOptions options() {
        braid::http::ServerOptions o;
        o.port = 0;
        o.threads = 4;
        o.handle_signals = false;
        return o;
    }
    std::unique_ptr<braid::engine::Catalog> catalog_;
    braid::http::Api api_;
    braid::http::Server server_;
    std::thread thread_;
};

}  // namespace

TEST_CASE("the in-process server answers concurrent writers, bulk loads, searches and collection changes",
          "[http][concurrency]") {
    braid::test_support::TempDir dir("braid-api-concurrency");
    InProcessServer server(dir.path() / "data");
    const auto port = server.port();

    // Each thread records what went wrong instead of asserting (Catch2 v2 is not thread-safe).
    struct Outcome {
        std::vector<std::string> failures;
        int answered = 0;
    };
    constexpr int kThreads = kWriters + 1 + kSearchers + 1;
    std::vector<Outcome> outcomes(kThreads);
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    auto expect = [](Outcome& out, const braid::http::ClientResponse& r, unsigned status, const std::string& what) {
        ++out.answered;
        if (r.status != status) out.failures.push_back(what + ": " + std::to_string(r.status) + " " + r.body);
    };

    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
            Outcome& out = outcomes[w];
            Client c("127.0.0.1", port);
            start.arrive_and_wait();
            for (int i = 0; i < kDocsPerWriter; ++i) {
                const std::string id = numbered("w", w, i);
                expect(out, c.request("PUT", "/collections/notes/documents/" + id, note(id, i)), 201, "create " + id);
                expect(out, c.request("PUT", "/collections/notes/documents/" + id, note(id, i + 1000)), 200, "replace " + id);
                if (i % 4 == 0) expect(out, c.request("DELETE", "/collections/notes/documents/" + id), 200, "delete " + id);
            }
        });
    }
    threads.emplace_back([&] {
        Outcome& out = outcomes[kWriters];
        Client c("127.0.0.1", port);
        start.arrive_and_wait();
        for (int batch = 0; batch < 4; ++batch) {
            std::string body;
            for (int i = 0; i < 25; ++i) {
                const std::string id = numbered("b", batch, i);
                body += note(id, i) + "\n";
            }
            const auto r = c.request("POST", "/collections/notes/documents/_bulk", body, "application/x-ndjson");
            expect(out, r, 200, std::string("bulk ") + std::to_string(batch));
            if (r.status == 200 && json::parse(r.body).at("indexed") != 25) out.failures.push_back("bulk indexed: " + r.body);
        }
    });
    for (int s = 0; s < kSearchers; ++s) {
        threads.emplace_back([&, s] {
            Outcome& out = outcomes[kWriters + 1 + s];
            Client c("127.0.0.1", port);
            start.arrive_and_wait();
            for (int i = 0; i < kSearchesEach; ++i) {
                const json::object body{{"query", "cats"}, {"vector", json::array{1.0, 0.2, 0.5}}, {"k", 10},
                                        {"fusion", {{"method", i % 2 ? "rrf" : "linear"}}}};
                const auto r = c.request("POST", "/collections/notes/search", json::serialize(body));
                expect(out, r, 200, "search");
                if (r.status != 200) continue;
                const auto hits = json::parse(r.body).at("hits").as_array();
                if (hits.size() > 10) out.failures.push_back("more than k hits");
                for (std::size_t h = 1; h < hits.size(); ++h) {
                    if (hits[h].at("score").to_number<double>() > hits[h - 1].at("score").to_number<double>())
                        out.failures.push_back("hits out of order: " + r.body);
                }
                expect(out, c.request("GET", "/collections/notes"), 200, "describe");
                expect(out, c.request("GET", "/collections"), 200, "list");
            }
        });
    }
    threads.emplace_back([&] {
        Outcome& out = outcomes[kThreads - 1];
        Client c("127.0.0.1", port);
        start.arrive_and_wait();
        const std::string schema = R"({"id_field":"id","fields":{"t":{"type":"text"}}})";
        for (int i = 0; i < 8; ++i) {
            const std::string path = std::string("/collections/side") + std::to_string(i);
            expect(out, c.request("PUT", path, schema), 201, "create collection");
            expect(out, c.request("PUT", path + "/documents/x", R"({"t":"hello"})"), 201, "side document");
            expect(out, c.request("POST", path + "/search", R"({"query":"hello"})"), 200, "side search");
            expect(out, c.request("DELETE", path), 200, "drop collection");
        }
    });
    for (auto& t : threads) t.join();

    int answered = 0;
    for (const auto& out : outcomes) {
        answered += out.answered;
        for (const auto& failure : out.failures) FAIL_CHECK(failure);
    }
    CHECK(answered == kWriters * (kDocsPerWriter * 2 + kDocsPerWriter / 4) + 4 + kSearchers * kSearchesEach * 3 + 8 * 4);

    // The end state is exactly what the writers left: 3 of every 4 written documents, replaced
    // once, and every bulk document.
    Client c("127.0.0.1", port);
    const auto stats = json::parse(c.request("GET", "/collections/notes").body);
    CHECK(stats.at("stats").at("documents") == kWriters * (kDocsPerWriter - kDocsPerWriter / 4) + 100);
    for (int w = 0; w < kWriters; ++w) {
        for (int i = 0; i < kDocsPerWriter; ++i) {
            const std::string id = numbered("w", w, i);
            const auto got = c.request("GET", "/collections/notes/documents/" + id);
            if (i % 4 == 0) {
                CHECK(got.status == 404);
            } else {
                REQUIRE(got.status == 200);
                CHECK(json::parse(got.body).at("document").at("n") == i + 1000);
            }
        }
    }
    const auto list = json::parse(c.request("GET", "/collections").body);
    CHECK(list.at("collections").as_array().size() == 1);  // every side collection dropped
}
