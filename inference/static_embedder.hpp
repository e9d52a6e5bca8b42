#pragma once
// An in-process static embedding model in the model2vec layout: model.safetensors (tensor
// `embeddings` [vocab, dim]), tokenizer.json, config.json (`normalize`). A text's vector is the
// mean of its tokens' rows (unknown tokens count with the unk row), L2-normalized when asked.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "inference/embedder.hpp"
#include "inference/safetensors.hpp"
#include "inference/tokenizer.hpp"

namespace braid::inference {

class StaticEmbedder : public Embedder {
public:
    // Throws braid::Error ("invalid_model") naming the file and the problem.
    StaticEmbedder(const std::filesystem::path& directory, EmbedderOptions options);

    std::string describe() const override;
    std::size_t native_dimensions() const { return table_.cols; }
    bool normalizes() const { return normalize_; }
    const Tokenizer& tokenizer() const { return tokenizer_; }
    // The model's vector for one text (no prefix, no truncation).
    std::vector<float> vector_of(std::string_view text) const;

protected:
    std::vector<std::vector<float>> embed_batch(std::span<const std::string> texts) const override;

private:
    std::filesystem::path directory_;
    Tokenizer tokenizer_;
    Matrix table_;
    bool normalize_ = false;
};

}  // namespace braid::inference
