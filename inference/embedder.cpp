#include "inference/embedder.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace braid::inference {

void normalize(std::span<float> v) {
    double sum = 0;
    for (const float x : v) sum += static_cast<double>(x) * x;
    if (sum <= 0) return;
    const auto scale = static_cast<float>(1.0 / std::sqrt(sum));
    for (float& x : v) x *= scale;
}

Embedder::Embedder(EmbedderOptions options) : options_(std::move(options)) {
    options_.batch_size = std::max<std::size_t>(options_.batch_size, 1);
    options_.max_concurrency = std::max<std::size_t>(options_.max_concurrency, 1);
}

std::vector<std::vector<float>> Embedder::embed_checked(std::span<const std::string> texts) const {
    ObservedCall call(options_.observer.get(), Service::embedder);  // an unusable answer counts as failed
    auto vectors = embed_batch(texts);
    if (vectors.size() != texts.size()) {
        throw Error(ErrorKind::bad_gateway, "embedder_error",
                    describe() + ": answered " + std::to_string(vectors.size()) + " vectors for " +
                        std::to_string(texts.size()) + " texts");
    }
    for (auto& v : vectors) {
        if (v.size() != vectors.front().size() || v.empty()) {
            throw Error(ErrorKind::bad_gateway, "embedder_error",
                        describe() + ": answered vectors of different lengths (" + std::to_string(vectors.front().size()) +
                            " and " + std::to_string(v.size()) + ")");
        }
        if (options_.dimensions == 0) continue;
        if (v.size() < options_.dimensions) {
            throw Error(ErrorKind::invalid_argument, "embedder_dimensions",
                        describe() + ": the model answers " + std::to_string(v.size()) +
                            "-dimensional vectors, fewer than dimensions = " + std::to_string(options_.dimensions));
        }
        v.resize(options_.dimensions);
        normalize(v);
    }
    call.succeeded();
    return vectors;
}

std::vector<EmbedOutcome> Embedder::embed_each(std::span<const std::string> texts, EmbedRole role) const {
    const std::string& prefix = role == EmbedRole::query ? options_.query_prefix : options_.document_prefix;
    std::vector<std::string> prefixed;
    if (!prefix.empty()) {
        prefixed.reserve(texts.size());
        for (const auto& t : texts) prefixed.push_back(prefix + t);
        texts = prefixed;
    }
    std::vector<EmbedOutcome> outcomes(texts.size());
    const std::size_t batches = (texts.size() + options_.batch_size - 1) / options_.batch_size;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t b; (b = next.fetch_add(1)) < batches;) {
            const std::size_t begin = b * options_.batch_size;
            const std::size_t count = std::min(options_.batch_size, texts.size() - begin);
            try {
                auto vectors = embed_checked(texts.subspan(begin, count));
                for (std::size_t i = 0; i < count; ++i) outcomes[begin + i].vector = std::move(vectors[i]);
            } catch (const Error& e) {
                for (std::size_t i = 0; i < count; ++i) outcomes[begin + i].error = e;
            } catch (const std::exception& e) {
                const Error wrapped(ErrorKind::bad_gateway, "embedder_error", describe() + ": " + e.what());
                for (std::size_t i = 0; i < count; ++i) outcomes[begin + i].error = wrapped;
            }
        }
    };
    const std::size_t workers = std::min(options_.max_concurrency, batches);
    std::vector<std::jthread> helpers;
    for (std::size_t i = 1; i < workers; ++i) helpers.emplace_back(work);
    work();
    helpers.clear();  // joins: every batch is done before the outcomes are handed out
    return outcomes;
}

std::vector<std::vector<float>> Embedder::embed(std::span<const std::string> texts, EmbedRole role) const {
    auto outcomes = embed_each(texts, role);
    std::vector<std::vector<float>> vectors;
    vectors.reserve(outcomes.size());
    for (auto& o : outcomes) {
        if (o.error) throw *o.error;
        vectors.push_back(std::move(o.vector));
    }
    return vectors;
}

std::vector<float> Embedder::embed_one(std::string_view text, EmbedRole role) const {
    const std::string one[] = {std::string(text)};
    return std::move(embed(one, role).front());
}

}  // namespace braid::inference
