// Server-side embeddings and the rerank stage over HTTP (issue 13): documents without vectors
// are embedded through a stand-in OpenAI-protocol service, failed lines are reported and not
// stored, the journal keeps the computed vectors (a restart with the service gone loses nothing),
// text-only search is hybrid, a dead embedder answers 503 or degrades to lexical, and a
// Cohere-protocol stand-in reranks the window.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/e2e/model_stand_ins.hpp"

namespace braid::e2e {
namespace {

constexpr int kNotes = 24;

std::string note_title(int i) {
    static const char* topics[] = {"statins lower cholesterol", "vaccines train immunity", "sleep and memory",
                                   "coffee and the heart", "exercise builds muscle", "sugar and teeth"};
    return std::string(topics[i % 6]) + " note " + std::to_string(i);
}

std::string note_text(int i) {
    std::string text = "Finding number " + std::to_string(i) + " about ";
    text += i % 2 == 0 ? "patients in a trial" : "mice in a laboratory";
    if (i % 4 == 0) text += " with cholesterol measured";
    return text;
}

json::object note(int i) { return {{"id", numbered("n", i)}, {"title", note_title(i)}, {"text", note_text(i)}}; }

std::string source_of(int i) { return note_title(i) + "\n" + note_text(i); }

std::string config_text(const std::string& embedder_url, const std::string& reranker_url, const std::string& extra = "") {
    return R"({
  "server": {"host": "127.0.0.1", "port": 0, "data_dir": "data", "threads": 2, "request_timeout_ms": 20000},
  "rerankers": {"words": {"type": "cohere", "url": ")" + reranker_url + R"(", "model": "toy-rerank", "timeout_ms": 2000, "max_retries": 0}},
  "collections": [{
    "name": "notes",
    "fields": {"title": {"type": "text", "analyzer": "english"}, "text": {"type": "text", "analyzer": "english"}},
    "vector": {"field": "embedding", "dimension": 8, "metric": "cosine", "index": {"type": "flat"},
               "embedder": {"type": "openai", "url": ")" + embedder_url + R"(", "model": "toy",
                            "batch_size": 3, "max_concurrency": 2, "timeout_ms": 2000, "max_retries": 1)" + extra + R"(}}
  }]
})";
}

struct Fixture {
    test_support::TempDir dir{"braid-embed"};
    std::unique_ptr<ToyEmbedder> embedder = std::make_unique<ToyEmbedder>();
    ToyReranker reranker;
    std::unique_ptr<test_support::BraidServer> server;

    explicit Fixture(const std::string& extra = "") {
        const auto config = dir.write("braid.json", config_text(embedder->url(), reranker.server.url(), extra));
        server = std::make_unique<test_support::BraidServer>(config);
    }
    Client client() const { return Client("127.0.0.1", server->port()); }
    // A crash (SIGKILL: the log is replayed) or a clean stop (a snapshot is loaded), then a start.
    void restart(bool crash) {
        if (crash) server->kill_hard();
        else REQUIRE(server->terminate() == 0);
        server = std::make_unique<test_support::BraidServer>(dir / "braid.json");
    }
    // Loads the notes through the bulk route; line `poisoned` (1-based, 0: none) cannot be embedded.
    json::value load(int poisoned = 0) {
        std::string ndjson;
        for (int i = 0; i < kNotes; ++i) {
            json::object doc = note(i);
            if (i + 1 == poisoned) doc["text"] = "a poison pill";
            ndjson += json::serialize(doc) + "\n";
        }
        Client c = client();
        const auto bulk = c.request("POST", "/collections/notes/documents/_bulk", ndjson, "application/x-ndjson");
        INFO(bulk.body);
        REQUIRE(bulk.status == 200);
        return json::parse(bulk.body);
    }
};

// Every note's dense score for `query` as the test computes it, best first.
std::vector<double> expected_dense_scores(const std::string& query, const std::vector<int>& notes) {
    std::vector<double> scores;
    for (int i : notes) scores.push_back(cosine(toy_embedding(query), toy_embedding(source_of(i))));
    std::sort(scores.rbegin(), scores.rend());
    return scores;
}

std::vector<int> notes_but(int missing) {
    std::vector<int> out;
    for (int i = 0; i < kNotes; ++i)
        if (i != missing) out.push_back(i);
    return out;
}

}  // namespace

TEST_CASE("bulk embeds documents without vectors, reports the lines the embedder refused, keeps the rest") {
    Fixture f;
    const auto result = f.load(6);  // line 6 holds note 5, in a batch of 3 the embedder refuses
    INFO(json::serialize(result));
    CHECK(result.at("indexed") == kNotes - 1);  // the refused batch is retried text by text
    CHECK(result.at("failed") == 1);
    const auto& error = result.at("errors").at(0).as_object();
    CHECK(error.at("line") == 6);
    CHECK(error.at("id") == "n5");
    CHECK(error.at("error").at("type") == "embedder_error");
    CHECK(std::string(error.at("error").at("message").as_string()).find(f.embedder->url()) != std::string::npos);

    Client c = f.client();
    CHECK(c.request("GET", "/collections/notes/documents/n5").status == 404);
    const auto stored = json::parse(c.request("GET", "/collections/notes/documents/n7").body);
    const auto vector = to_vector(stored.at("document").at("embedding").as_array());
    REQUIRE(vector.size() == kToyDimension);
    CHECK(cosine(vector, toy_embedding(source_of(7))) == Approx(1.0).epsilon(1e-6));

    // Dense search from text: the scores are the test's own cosines, best first.
    const std::string query = "cholesterol in patients";
    const auto dense = search_ok(c, {{"query", query}, {"mode", "dense"}, {"k", 5}}, "notes");
    CHECK(dense.at("mode") == "dense");
    const auto expected = expected_dense_scores(query, notes_but(5));
    const auto& hits = dense.at("hits").as_array();
    REQUIRE(hits.size() == 5);
    for (std::size_t i = 0; i < hits.size(); ++i)
        CHECK(hits[i].at("dense").at("score").to_number<double>() == Approx(expected[i]).margin(1e-5));

    // Text alone is hybrid on this collection; `took` is broken down by stage.
    const auto hybrid = search_ok(c, {{"query", query}}, "notes");
    CHECK(hybrid.at("mode") == "hybrid");
    CHECK(hybrid.at("fusion").at("method") == "rrf");
    for (const char* stage : {"embed_ms", "lexical_ms", "dense_ms", "fusion_ms", "rerank_ms", "fetch_ms"})
        CHECK(hybrid.at("took").at(stage).is_number());
    CHECK(hybrid.at("hits").at(0).as_object().contains("lexical"));

    // An explicit vector wins over embedding the query; "lexical" leaves the embedder out.
    const int before = f.embedder->texts.load();
    const auto lexical = search_ok(c, {{"query", "vaccines"}, {"mode", "lexical"}}, "notes");
    CHECK(lexical.at("mode") == "lexical");
    json::array v;
    for (const double x : toy_embedding("sleep memory")) v.emplace_back(x);
    const auto given = search_ok(c, {{"query", "unseen words here"}, {"vector", v}}, "notes");
    CHECK(given.at("mode") == "hybrid");
    CHECK(f.embedder->texts.load() == before);
}

TEST_CASE("query embeddings are cached by text") {
    Fixture f;
    f.load();
    Client c = f.client();
    const int before = f.embedder->texts.load();
    search_ok(c, {{"query", "coffee heart"}}, "notes");
    CHECK(f.embedder->texts.load() == before + 1);
    search_ok(c, {{"query", "coffee heart"}, {"mode", "dense"}}, "notes");
    search_ok(c, {{"query", "coffee heart"}, {"k", 3}}, "notes");
    CHECK(f.embedder->texts.load() == before + 1);
    search_ok(c, {{"query", "coffee teeth"}}, "notes");
    CHECK(f.embedder->texts.load() == before + 2);
}

TEST_CASE("a single PUT is embedded, or answers 502 naming the embedder") {
    Fixture f;
    Client c = f.client();
    json::object doc = note(1);
    const auto created = c.request("PUT", "/collections/notes/documents/n1", json::serialize(doc));
    INFO(created.body);
    CHECK(created.status == 201);
    const auto stored = json::parse(c.request("GET", "/collections/notes/documents/n1").body);
    CHECK(stored.at("document").at("title") == json::value(note_title(1)));
    CHECK(stored.at("document").at("embedding").as_array().size() == kToyDimension);

    doc["text"] = "poison";
    const auto refused = c.request("PUT", "/collections/notes/documents/n1", json::serialize(doc));
    const auto error = require_error(refused, 502);
    CHECK(error.at("type") == "embedder_error");
    CHECK(std::string(error.at("message").as_string()).find(f.embedder->url()) != std::string::npos);
    // The refused write changed nothing.
    const auto kept = json::parse(c.request("GET", "/collections/notes/documents/n1").body);
    CHECK(kept.at("document").at("text") == json::value(note_text(1)));
}

TEST_CASE("the journal keeps computed vectors: a restart with the embedder gone loses nothing") {
    Fixture f;
    REQUIRE(f.load().at("indexed") == kNotes);
    Client before = f.client();
    const auto n3 = json::parse(before.request("GET", "/collections/notes/documents/n3").body);
    f.embedder->server.stop();  // nothing can be embedded from here on
    const bool crash = GENERATE(true, false);
    f.restart(crash);
    INFO((crash ? "after a crash (log replay)" : "after a clean stop (snapshot)"));

    Client c = f.client();
    const auto info = json::parse(c.request("GET", "/collections/notes").body);
    CHECK(info.at("stats").at("documents") == kNotes);
    CHECK(info.at("stats").at("vectors") == kNotes);
    const auto again = json::parse(c.request("GET", "/collections/notes/documents/n3").body);
    CHECK(again.at("document").at("embedding") == n3.at("document").at("embedding"));

    // A search needing the dead embedder: 503, or the lexical answer when asked to degrade.
    const auto refused = c.request("POST", "/collections/notes/search", R"({"query": "sleep"})");
    const auto error = require_error(refused, 503);
    CHECK(error.at("type") == "embedder_unavailable");
    const auto degraded = search_ok(c, {{"query", "sleep"}, {"on_embedder_error", "lexical"}}, "notes");
    CHECK(degraded.at("mode") == "lexical");
    REQUIRE(degraded.at("degraded").as_array().size() == 1);
    CHECK(std::string(degraded.at("degraded").at(0).as_string()).rfind("dense: ", 0) == 0);
    CHECK_FALSE(degraded.at("hits").as_array().empty());
    // A vector given needs no embedder.
    json::array v;
    for (const double x : toy_embedding("sleep memory")) v.emplace_back(x);
    CHECK(search_ok(c, {{"vector", v}}, "notes").at("hits").as_array().size() == 10);
}

TEST_CASE("a hanging embedder never hangs a search, and a collection may degrade by default") {
    StandInServer hanging([](const ReceivedRequest&) { return Reply::holding(); });
    ToyReranker reranker;
    test_support::TempDir dir{"braid-embed"};
    std::string config = config_text(hanging.url("/v1"), reranker.server.url(), R"(, "on_embedder_error": "lexical")");
    const std::string patient = "\"timeout_ms\": 2000, \"max_retries\": 1";
    const auto timeout = config.find(patient);
    REQUIRE(timeout != std::string::npos);
    config.replace(timeout, patient.size(), "\"timeout_ms\": 300, \"max_retries\": 0");
    test_support::BraidServer server(dir.write("braid.json", config));
    Client c("127.0.0.1", server.port());
    json::array v;
    for (const double x : toy_embedding("sleep")) v.emplace_back(x);
    json::object doc = note(2);
    doc["embedding"] = v;  // carries its vector: stored without the embedder
    REQUIRE(c.request("PUT", "/collections/notes/documents/n2", json::serialize(doc)).status == 201);

    const auto degraded = search_ok(c, {{"query", "sleep memory"}}, "notes");
    CHECK(degraded.at("mode") == "lexical");
    CHECK(std::string(degraded.at("degraded").at(0).as_string()).find(hanging.url("/v1")) != std::string::npos);
    const auto refused = c.request("POST", "/collections/notes/search",
                                   R"({"query": "sleep memory", "on_embedder_error": "error"})");
    CHECK(require_error(refused, 503).at("type") == "embedder_unavailable");
    hanging.stop();
}

TEST_CASE("rerank re-orders the window by the reranker's scores and echoes its settings") {
    Fixture f;
    f.load();
    Client c = f.client();
    const std::string query = "cholesterol patients trial measured";
    const auto answer = search_ok(
        c, {{"query", query}, {"k", 5}, {"offset", 2}, {"rerank", {{"reranker", "words"}, {"window", 4}}}}, "notes");
    INFO(json::serialize(answer));
    const auto& echo = answer.at("rerank").as_object();
    CHECK(echo.at("reranker") == "words");
    CHECK(echo.at("window") == 7);  // grown to offset + k
    CHECK(echo.at("fields") == json::array{"title", "text"});
    const auto& hits = answer.at("hits").as_array();
    REQUIRE(hits.size() == 5);
    double last = 1e9;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& hit = hits[i].as_object();
        CHECK(hit.at("rerank").at("rank") == i + 3);
        const double score = hit.at("rerank").at("score").to_number<double>();
        const auto& doc = hit.at("document");
        const std::string text = std::string(doc.at("title").as_string()) + "\n" + std::string(doc.at("text").as_string());
        CHECK(score == Approx(toy_rerank_score(query, text)));
        CHECK(score <= last);
        last = score;
        CHECK(hit.contains("lexical"));
    }

    // An unknown reranker is a 400; a dead one 503, or the unreranked order with on_error skip.
    const auto unknown = c.request("POST", "/collections/notes/search", R"({"query": "x", "rerank": {"reranker": "nope"}})");
    CHECK(require_error(unknown, 400, "rerank.reranker").at("type") == "unknown_reranker");
    f.reranker.server.stop();
    const auto dead = c.request("POST", "/collections/notes/search", R"({"query": "sleep", "rerank": {"reranker": "words"}})");
    CHECK(require_error(dead, 503).at("type") == "reranker_unavailable");
    const auto skipped = search_ok(c, {{"query", "sleep"}, {"rerank", {{"reranker", "words"}, {"on_error", "skip"}}}}, "notes");
    CHECK(std::string(skipped.at("degraded").at(0).as_string()).rfind("rerank: ", 0) == 0);
    CHECK_FALSE(skipped.at("hits").at(0).as_object().contains("rerank"));
    CHECK(hit_ids(skipped) == hit_ids(search_ok(c, {{"query", "sleep"}}, "notes")));
}

TEST_CASE("PUT /collections accepts vector.embedder, validates it, and echoes it without a key") {
    Fixture f;
    Client c = f.client();
    const std::string good = R"({"fields": {"body": {"type": "text"}},
        "vector": {"dimension": 8, "embedder": {"type": "openai", "url": ")" + f.embedder->url() +
                             R"(", "model": "toy", "api_key_env": "HOME", "source": ["body"], "query_prefix": "query: "}}})";
    const auto created = c.request("PUT", "/collections/api_made", good);
    INFO(created.body);
    REQUIRE(created.status == 201);
    const auto schema = json::parse(c.request("GET", "/collections/api_made").body);
    const auto& embedder = schema.at("schema").at("vector").at("embedder").as_object();
    CHECK(embedder.at("api_key_env") == "HOME");
    CHECK(embedder.at("query_prefix") == "query: ");
    CHECK(embedder.at("dimensions") == 8);
    CHECK(embedder.at("query_cache") == 10000);
    const std::string home = std::getenv("HOME") ? std::getenv("HOME") : "/";
    CHECK(schema.as_object().at("schema").as_object().size() > 0);
    CHECK(json::serialize(schema).find("\"" + home + "\"") == std::string::npos);  // never the key's value

    const auto wrong_dimensions = c.request("PUT", "/collections/bad1",
        R"({"fields": {"body": {"type": "text"}}, "vector": {"dimension": 8, "embedder": {"type": "tei", "url": "http://127.0.0.1:1", "dimensions": 16}}})");
    CHECK(require_error(wrong_dimensions, 400, "vector.embedder.dimensions").at("type") == "config_error");
    const auto not_text = c.request("PUT", "/collections/bad2",
        R"({"fields": {"year": {"type": "integer"}}, "vector": {"dimension": 8, "embedder": {"type": "tei", "url": "http://127.0.0.1:1", "source": ["year"]}}})");
    CHECK(require_error(not_text, 400, "vector.embedder.source[0]").at("type") == "config_error");
    const auto unset_key = c.request("PUT", "/collections/bad3",
        R"({"fields": {"body": {"type": "text"}}, "vector": {"dimension": 8, "embedder": {"type": "openai", "url": "http://127.0.0.1:1", "model": "m", "api_key_env": "BRAID_SURELY_UNSET_KEY"}}})");
    CHECK(require_error(unset_key, 400, "vector.embedder.api_key_env").at("type") == "invalid_embedder");
    CHECK(c.request("GET", "/collections/bad3").status == 404);
}


namespace {

// The value of one sample line of /metrics ("name{labels} value"), or -1 when absent.
double metric_value(const std::string& metrics, const std::string& sample) {
    const auto at = metrics.find("\n" + sample + " ");
    if (at == std::string::npos) return -1;
    return std::stod(metrics.substr(at + sample.size() + 2));
}

}  // namespace

TEST_CASE("the server's embedder and reranker calls are counted in /metrics") {
    Fixture f;
    f.load(6);  // one batch refused, then retried text by text
    Client c = f.client();
    search_ok(c, {{"query", "sleep memory"}, {"rerank", {{"reranker", "words"}, {"window", 4}}}}, "notes");
    const auto metrics = c.request("GET", "/metrics");
    REQUIRE(metrics.status == 200);
    INFO(metrics.body.substr(0, 4000));
    CHECK(metric_value(metrics.body, R"(braid_inference_requests_total{service="embedder"})") >= 3);
    CHECK(metric_value(metrics.body, R"(braid_inference_errors_total{service="embedder"})") >= 1);
    CHECK(metric_value(metrics.body, R"(braid_inference_requests_total{service="reranker"})") == 1);
    CHECK(metric_value(metrics.body, R"(braid_inference_request_duration_seconds_count{service="reranker"})") == 1);
}

}  // namespace braid::e2e
