#pragma once
// Writes small static models in the model2vec layout for tests: tokenizer.json, config.json and a
// model.safetensors with an `embeddings` tensor in F32 or F16.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace braid::test {

inline std::uint16_t float_to_half(float f) {  // exact for the small values tests use
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    const std::uint32_t sign = (bits >> 16) & 0x8000;
    const int exponent = static_cast<int>((bits >> 23) & 0xFF) - 127 + 15;
    const std::uint32_t mantissa = (bits >> 13) & 0x3FF;
    if ((bits & 0x7FFFFFFF) == 0) return static_cast<std::uint16_t>(sign);
    return static_cast<std::uint16_t>(sign | (static_cast<std::uint32_t>(exponent) << 10) | mantissa);
}

inline void write_safetensors(const std::filesystem::path& file, const std::string& tensor, std::size_t rows,
                              std::size_t cols, const std::vector<float>& values, bool f16) {
    std::string data;
    for (const float v : values) {
        if (f16) {
            const std::uint16_t h = float_to_half(v);
            data.append(reinterpret_cast<const char*>(&h), 2);
        } else {
            data.append(reinterpret_cast<const char*>(&v), 4);
        }
    }
    std::string header = "{\"__metadata__\":{\"format\":\"pt\"},\"" + tensor + "\":{\"dtype\":\"" + (f16 ? "F16" : "F32") +
                         "\",\"shape\":[" + std::to_string(rows) + "," + std::to_string(cols) +
                         "],\"data_offsets\":[0," + std::to_string(data.size()) + "]}}";
    while (header.size() % 8 != 0) header.push_back(' ');
    const std::uint64_t n = header.size();
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(&n), 8);
    out << header << data;
}

inline std::string tokenizer_json(const std::string& model_type, const std::vector<std::string>& vocab,
                                  const std::string& normalizer = R"({"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true})") {
    std::string v;
    for (std::size_t i = 0; i < vocab.size(); ++i) {
        if (i > 0) v += ',';
        v += '"';
        v += vocab[i];
        v += "\":";
        v += std::to_string(i);
    }
    std::string model = "{\"type\":\"" + model_type + "\",\"vocab\":{" + v + "},\"unk_token\":\"[UNK]\"";
    if (model_type == "WordPiece") model += ",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":12";
    model += "}";
    std::string out = "{\"version\":\"1.0\",\"normalizer\":";
    out += normalizer;
    out += ",\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},\"post_processor\":null,\"model\":";
    out += model;
    out += "}";
    return out;
}

}  // namespace braid::test
