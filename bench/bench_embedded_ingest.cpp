// Server-side embedding through the engine (issue 13), in memory (no journal):
//   1. bulk ingestion of 2,048 SciFact documents without vectors through an OpenAI-protocol stand-in
//      answering each batch after 5 ms (batch_size 64), at max_concurrency 1 and 4: docs/s of the
//      whole bulk path (embedding, parsing, BM25 and vector indexing), with an HNSW and a flat index,
//      and with one-sentence documents, whose indexing is cheap beside the embedding;
//   2. text-only hybrid search latency, the query embedding uncached (first time a text is seen)
//      vs cached (the same texts again), through a stand-in with no added latency: the median
//      of the engine's took_ms and of its embed_ms stage.
// Usage: bench_embedded_ingest [SHARED_DIR]   (default: ../shared beside the repository)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"
#include "tests/net/stand_in_server.hpp"

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kDocs = 2048;

// A 256-d vector per text that varies with the text (so HNSW sees a spread of points).
std::string vector_for(std::size_t seed) {
    std::string v = "[";
    for (int d = 0; d < 256; ++d) {
        if (d > 0) v += ',';
        v += std::to_string(static_cast<double>((seed * 2654435761u + static_cast<std::size_t>(d) * 40503u) % 1000) / 1000.0 - 0.5);
    }
    return v + "]";
}

braid::test::Reply openai_answer(const braid::test::ReceivedRequest& req, std::chrono::milliseconds latency) {
    const auto body = json::parse(req.body);
    const auto& input = body.at("input").as_array();
    std::string out = "{\"object\":\"list\",\"data\":[";
    for (std::size_t i = input.size(); i-- > 0;) {
        out += "{\"index\":" + std::to_string(i) + ",\"embedding\":";
        out += vector_for(std::hash<std::string_view>{}(std::string_view(input[i].as_string())));
        out += i > 0 ? "}," : "}";
    }
    out += "]}";
    auto reply = braid::test::Reply::json(std::move(out));
    reply.latency = latency;
    return reply;
}

// Short synthetic documents (a sentence each): indexing is cheap beside embedding.
std::string short_ndjson() {
    std::string out;
    for (std::size_t n = 0; n < kDocs; ++n) {
        out += json::serialize(json::object{{"_id", std::to_string(n)}, {"title", "note " + std::to_string(n) + " on statins"}}) + "\n";
    }
    return out;
}

std::string corpus_ndjson(const std::filesystem::path& file, std::vector<std::string>& queries) {
    std::string out;
    std::ifstream in(file);
    std::size_t n = 0;
    for (std::string line; n < kDocs && std::getline(in, line); ++n) {
        out += line + "\n";
        queries.push_back(std::string(json::parse(line).at("title").as_string()).substr(0, 80));
    }
    if (n == 0) {  // no SciFact here: synthetic documents
        for (; n < kDocs; ++n) {
            const std::string title = "document " + std::to_string(n) + " about statins and cholesterol";
            out += json::serialize(json::object{{"_id", std::to_string(n)}, {"title", title}, {"text", "the liver's pathway"}}) + "\n";
            queries.push_back(title);
        }
    }
    return out;
}

braid::config::CollectionConfig schema(const std::string& url, std::size_t concurrency, const char* index = "hnsw") {
    const json::value spec = {
        {"id_field", "_id"},
        {"fields", {{"title", {{"type", "text"}, {"analyzer", "english"}}}, {"text", {{"type", "text"}, {"analyzer", "english"}}}}},
        {"vector",
         {{"dimension", 256},
          {"index", {{"type", index}}},
          {"embedder", {{"type", "openai"}, {"url", url}, {"model", "m"}, {"batch_size", 64}, {"max_concurrency", concurrency}}}}}};
    return braid::config::parse_collection(spec, "", "bench");
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path shared = argc > 1 ? std::filesystem::path(argv[1])
                                                  : std::filesystem::path(BRAID_SOURCE_DIR).parent_path() / "shared";
    std::vector<std::string> queries;
    const std::string ndjson = corpus_ndjson(shared / "datasets" / "scifact" / "corpus.jsonl", queries);

    braid::test::StandInServer slow([](const braid::test::ReceivedRequest& r) { return openai_answer(r, std::chrono::milliseconds(5)); });
    const std::string short_docs = short_ndjson();
    struct Run {
        const char* label;
        const std::string* ndjson;
        const char* index;
    };
    for (const Run& run : {Run{"SciFact, hnsw index", &ndjson, "hnsw"}, Run{"SciFact, flat index", &ndjson, "flat"},
                           Run{"one-sentence docs, flat index", &short_docs, "flat"}}) {
        for (const std::size_t concurrency : {1u, 4u}) {
            braid::engine::Catalog catalog({}, braid::analyzers::AnalyzerRegistry::with_builtins());
            catalog.open({});
            const auto collection = catalog.create(schema(slow.url("/v1"), concurrency, run.index));
            const auto start = Clock::now();
            const auto result = collection->bulk(*run.ndjson);
            const double s = std::chrono::duration<double>(Clock::now() - start).count();
            std::printf("bulk through the engine (%s), stand-in 5 ms/batch, batch_size 64, max_concurrency %zu: "
                        "%zu docs (%zu failed) in %.3f s: %.0f docs/s\n",
                        run.label, concurrency, result.indexed, result.failed, s, static_cast<double>(result.indexed) / s);
        }
    }

    braid::test::StandInServer fast([](const braid::test::ReceivedRequest& r) { return openai_answer(r, std::chrono::milliseconds(0)); });
    braid::engine::Catalog catalog({}, braid::analyzers::AnalyzerRegistry::with_builtins());
    catalog.open({});
    const auto collection = catalog.create(schema(fast.url("/v1"), 4));
    collection->bulk(ndjson);
    queries.resize(std::min<std::size_t>(queries.size(), 300));
    std::vector<double> uncached_took, uncached_embed, cached_took, cached_embed;
    for (int round = 0; round < 4; ++round) {
        for (const auto& q : queries) {
            braid::engine::SearchRequest request;
            request.query = q;
            const auto response = collection->search(request);
            (round == 0 ? uncached_took : cached_took).push_back(response.took_ms);
            (round == 0 ? uncached_embed : cached_embed).push_back(response.stages.embed_ms);
        }
    }
    std::printf("text-only hybrid search, %zu queries, stand-in 0 ms service time: uncached took_ms median %.3f "
                "(embed_ms %.3f), cached took_ms median %.3f (embed_ms %.4f)\n",
                queries.size(), median(uncached_took), median(uncached_embed), median(cached_took), median(cached_embed));
    return 0;
}
