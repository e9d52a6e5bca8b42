// Inference throughput and latency:
//   1. the static embedder (scifact-static-256) in texts/s on one core, over SciFact corpus texts;
//   2. batch embedding through an OpenAI-protocol stand-in answering each batch after 5 ms, at
//      max_concurrency 1 and 4 (batch_size 64), in docs/s;
//   3. query embedding latency, uncached vs cached (QueryCache), through the stand-in without
//      added latency and through the static model.
// Usage: bench_inference [SHARED_DIR]   (default: ../shared beside the repository)
#include <boost/json.hpp>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "inference/query_cache.hpp"
#include "inference/remote_embedder.hpp"
#include "inference/static_embedder.hpp"
#include "tests/net/stand_in_server.hpp"

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU time of this thread: "per core" figures that hold on a machine shared with other work.
double thread_cpu_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<std::string> load_corpus(const std::filesystem::path& file) {
    std::vector<std::string> texts;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        const auto o = json::parse(line).as_object();
        texts.push_back(std::string(o.at("title").as_string()) + " " + std::string(o.at("text").as_string()));
    }
    return texts;
}

std::vector<std::string> synthetic_corpus(std::size_t n) {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < n; ++i) {
        texts.push_back("document " + std::to_string(i) + " about statins, cholesterol and the liver's synthesis pathway");
    }
    return texts;
}

// An OpenAI-protocol stand-in answering 256-d vectors (out of order) after `latency`. The vector
// text is made once, so the stand-in's own work stays small beside the client's.
const std::string& vector_json() {
    static const std::string text = [] {
        std::string v = "[";
        for (int d = 0; d < 256; ++d) {
            if (d > 0) v += ',';
            v += std::to_string(0.001 * d - 0.1);
        }
        return v + "]";
    }();
    return text;
}

braid::test::Reply openai_answer(const braid::test::ReceivedRequest& req, std::chrono::milliseconds latency) {
    const auto body = json::parse(req.body);
    const std::size_t n = body.at("input").as_array().size();
    std::string out = "{\"object\":\"list\",\"data\":[";
    for (std::size_t i = n; i-- > 0;) {
        out += "{\"index\":";
        out += std::to_string(i);
        out += ",\"embedding\":";
        out += vector_json();
        out += i > 0 ? "}," : "}";
    }
    out += "]}";
    auto reply = braid::test::Reply::json(std::move(out));
    reply.latency = latency;
    return reply;
}

double median_us(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2] * 1e6;
}

void query_latency(const char* label, const braid::inference::Embedder& embedder, const std::vector<std::string>& queries) {
    braid::inference::QueryCache cache(10'000);
    std::vector<double> uncached, cached;
    for (const auto& q : queries) {
        const auto start = Clock::now();
        braid::inference::embed_query(embedder, cache, q);
        uncached.push_back(seconds_since(start));
    }
    for (int round = 0; round < 5; ++round) {
        for (const auto& q : queries) {
            const auto start = Clock::now();
            braid::inference::embed_query(embedder, cache, q);
            cached.push_back(seconds_since(start));
        }
    }
    std::printf("query latency (%s): uncached median %.1f us, cached median %.2f us (%zu queries)\n", label,
                median_us(uncached), median_us(cached), queries.size());
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path shared = argc > 1 ? std::filesystem::path(argv[1])
                                                  : std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "shared";
    const auto corpus_file = shared / "datasets" / "scifact" / "corpus.jsonl";
    const auto model_dir = shared / "models" / "scifact-static-256";
    const bool have_shared = std::filesystem::exists(corpus_file) && std::filesystem::exists(model_dir / "model.safetensors");
    const auto corpus = have_shared ? load_corpus(corpus_file) : synthetic_corpus(5000);
    std::vector<std::string> queries;
    for (std::size_t i = 0; i < 300; ++i) queries.push_back(corpus[i * 7 % corpus.size()].substr(0, 80));

    // 1. Static embedder, one core.
    if (have_shared) {
        braid::inference::EmbedderOptions options;
        options.batch_size = 256;
        options.max_concurrency = 1;
        const braid::inference::StaticEmbedder model(model_dir, options);
        std::size_t bytes = 0;
        for (const auto& t : corpus) bytes += t.size();
        model.embed(std::span(corpus).first(200), braid::inference::EmbedRole::document);  // warm-up
        double best = 1e9, best_wall = 1e9;
        for (int run = 0; run < 3; ++run) {
            const auto start = Clock::now();
            const double cpu_start = thread_cpu_seconds();
            const auto vectors = model.embed(corpus, braid::inference::EmbedRole::document);
            best = std::min(best, thread_cpu_seconds() - cpu_start);
            best_wall = std::min(best_wall, seconds_since(start));
        }
        std::printf("static embedder: %zu SciFact texts (%.1f MB) in %.3f s CPU (%.3f s wall) on 1 thread: "
                    "%.0f texts/s per core, %.1f MB/s\n",
                    corpus.size(), static_cast<double>(bytes) / 1e6, best, best_wall,
                    static_cast<double>(corpus.size()) / best, static_cast<double>(bytes) / 1e6 / best);
        query_latency("static", model, queries);
    } else {
        std::printf("static embedder: skipped (%s absent)\n", model_dir.string().c_str());
    }

    // 2. Batches through a stand-in with 5 ms per batch.
    braid::test::StandInServer slow([](const braid::test::ReceivedRequest& req) { return openai_answer(req, std::chrono::milliseconds(5)); });
    std::vector<std::string> docs(corpus.begin(), corpus.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(corpus.size(), 4096)));
    for (const std::size_t concurrency : {1u, 4u}) {
        braid::inference::EmbedderOptions options;
        options.batch_size = 64;
        options.max_concurrency = concurrency;
        braid::net::ClientOptions client_options;
        client_options.max_connections_per_host = concurrency;
        const braid::inference::RemoteEmbedder embedder({braid::inference::EmbeddingProtocol::openai, slow.url("/v1"), "m", ""}, options,
                                                        std::make_shared<braid::net::HttpClient>(client_options));
        embedder.embed(std::span(docs).first(64), braid::inference::EmbedRole::document);  // connect
        const auto start = Clock::now();
        const auto vectors = embedder.embed(docs, braid::inference::EmbedRole::document);
        const double s = seconds_since(start);
        std::printf("remote batches (5 ms/batch, batch_size 64, max_concurrency %zu): %zu docs in %.3f s: %.0f docs/s\n",
                    concurrency, docs.size(), s, static_cast<double>(docs.size()) / s);
    }

    // 3. Query latency through the stand-in without added latency (loopback HTTP + JSON).
    braid::test::StandInServer fast([](const braid::test::ReceivedRequest& req) { return openai_answer(req, std::chrono::milliseconds(0)); });
    const braid::inference::RemoteEmbedder remote({braid::inference::EmbeddingProtocol::openai, fast.url("/v1"), "m", ""}, {},
                                                  std::make_shared<braid::net::HttpClient>());
    query_latency("openai stand-in, loopback, 0 ms service time", remote, queries);
    return 0;
}
