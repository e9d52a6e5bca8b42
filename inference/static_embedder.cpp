#include "inference/static_embedder.hpp"

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "core/error.hpp"

namespace braid::inference {

namespace {

bool read_normalize(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::invalid_argument, "invalid_model", file.string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    boost::json::error_code ec;
    const auto root = boost::json::parse(text.str(), ec);
    if (ec || !root.is_object()) throw Error(ErrorKind::invalid_argument, "invalid_model", file.string() + ": not a JSON object");
    const auto* n = root.as_object().if_contains("normalize");
    if (n == nullptr || n->is_null()) return false;  // model2vec's default
    if (!n->is_bool()) throw Error(ErrorKind::invalid_argument, "invalid_model", file.string() + ": normalize must be a boolean");
    return n->as_bool();
}

}  // namespace

StaticEmbedder::StaticEmbedder(const std::filesystem::path& directory, EmbedderOptions options)
    : Embedder(std::move(options)),
      directory_(directory),
      tokenizer_(Tokenizer::load(directory / "tokenizer.json")),
      table_(load_safetensors_matrix(directory / "model.safetensors", "embeddings")),
      normalize_(read_normalize(directory / "config.json")) {
    if (table_.rows == 0 || table_.cols == 0) {
        throw Error(ErrorKind::invalid_argument, "invalid_model", (directory / "model.safetensors").string() + ": empty embeddings table");
    }
    if (tokenizer_.max_id() >= table_.rows) {
        throw Error(ErrorKind::invalid_argument, "invalid_model",
                    directory.string() + ": the tokenizer has id " + std::to_string(tokenizer_.max_id()) +
                        " but the embeddings table only " + std::to_string(table_.rows) + " rows");
    }
}

std::string StaticEmbedder::describe() const { return "static embedder " + directory_.string(); }

std::vector<float> StaticEmbedder::vector_of(std::string_view text) const {
    std::vector<float> sum(table_.cols, 0.0f);
    const auto ids = tokenizer_.encode(text);
    for (const auto id : ids) {
        const float* row = table_.row(id);
        for (std::size_t i = 0; i < table_.cols; ++i) sum[i] += row[i];
    }
    if (!ids.empty()) {
        const float inv = 1.0f / static_cast<float>(ids.size());
        for (float& x : sum) x *= inv;
    }
    if (normalize_) normalize(sum);
    return sum;
}

std::vector<std::vector<float>> StaticEmbedder::embed_batch(std::span<const std::string> texts) const {
    std::vector<std::vector<float>> out;
    out.reserve(texts.size());
    for (const auto& t : texts) out.push_back(vector_of(t));
    return out;
}

}  // namespace braid::inference
