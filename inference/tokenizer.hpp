#pragma once
// The subset of Hugging Face `tokenizer.json` that static embedding models use: a BertNormalizer
// (or none), a BertPreTokenizer (or none), and a WordPiece or WordLevel model. Read with Boost.JSON.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "inference/bert_text.hpp"

namespace braid::inference {

class Tokenizer {
public:
    // Throws braid::Error ("invalid_model") naming the file and the unsupported or missing part.
    static Tokenizer load(const std::filesystem::path& file);
    static Tokenizer parse(std::string_view json, const std::string& origin);

    // Token ids of `text` (no special tokens added); unknown words map to the unk token.
    std::vector<std::uint32_t> encode(std::string_view text) const;
    // The words after normalization and pre-tokenization (before the model), for tests.
    std::vector<std::string> pre_tokens(std::string_view text) const;

    std::size_t vocabulary_size() const { return vocab_.size(); }
    std::uint32_t max_id() const { return max_id_; }

private:
    enum class Model { word_level, word_piece };
    // Normalizes `text` and calls on_word(const std::string&) for each pre-tokenized word.
    template <class OnWord>
    void for_each_word(std::string_view text, OnWord&& on_word) const;
    void encode_word(const std::string& word, std::vector<std::uint32_t>& out) const;

    std::optional<BertNormalizerOptions> normalizer_;
    bool bert_pre_tokenizer_ = false;
    Model model_ = Model::word_level;
    std::unordered_map<std::string, std::uint32_t> vocab_;
    std::uint32_t max_id_ = 0;
    std::uint32_t unk_id_ = 0;
    bool has_unk_ = false;
    std::string continuing_subword_prefix_ = "##";
    std::size_t max_input_chars_per_word_ = 100;
};

}  // namespace braid::inference
