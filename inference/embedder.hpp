#pragma once
// Text -> vectors. The base class does what every embedder shares: role prefixes, batches of
// batch_size with at most max_concurrency in flight, Matryoshka truncation and re-normalization;
// an implementation only embeds one batch.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "inference/call_observer.hpp"

namespace braid::inference {

enum class EmbedRole { document, query };

struct EmbedderOptions {
    std::string document_prefix;  // prepended to documents ("passage: ")
    std::string query_prefix;     // prepended to queries ("query: ")
    std::size_t dimensions = 0;   // keep the first N components and re-normalize; 0: as the model answers
    std::size_t batch_size = 64;
    std::size_t max_concurrency = 4;
    std::shared_ptr<const CallObserver> observer;  // told of every batch call; may be null
};

// One text's result from embed_each: a vector, or the error of the batch it was in.
struct EmbedOutcome {
    std::vector<float> vector;
    std::optional<Error> error;
    bool ok() const { return !error.has_value(); }
};

class Embedder {
public:
    explicit Embedder(EmbedderOptions options);
    virtual ~Embedder() = default;
    Embedder(const Embedder&) = delete;
    Embedder& operator=(const Embedder&) = delete;

    // One vector per text, in order. Throws the first failure (braid::Error; type
    // embedder_unavailable, embedder_error or embedder_dimensions).
    std::vector<std::vector<float>> embed(std::span<const std::string> texts, EmbedRole role) const;
    // Every text's outcome: a failed batch fails its texts only.
    std::vector<EmbedOutcome> embed_each(std::span<const std::string> texts, EmbedRole role) const;
    std::vector<float> embed_one(std::string_view text, EmbedRole role) const;

    const EmbedderOptions& options() const { return options_; }
    // "openai embedder at http://...", for messages.
    virtual std::string describe() const = 0;

protected:
    // One vector per text of one batch (prefixes already applied), in order. Throws braid::Error.
    virtual std::vector<std::vector<float>> embed_batch(std::span<const std::string> texts) const = 0;

private:
    std::vector<std::vector<float>> embed_checked(std::span<const std::string> texts) const;
    EmbedderOptions options_;
};

// L2-normalizes in place (a zero vector stays zero).
void normalize(std::span<float> v);

}  // namespace braid::inference
