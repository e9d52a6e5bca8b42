#include "inference/tokenizer.hpp"

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "inference/utf8.hpp"

namespace braid::inference {

namespace json = boost::json;

namespace {

[[noreturn]] void invalid(const std::string& origin, const std::string& why) {
    throw Error(ErrorKind::invalid_argument, "invalid_model", origin + ": " + why);
}

bool bool_member(const json::object& o, const char* key, bool fallback, const std::string& origin) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_bool()) invalid(origin, std::string("normalizer.") + key + " must be a boolean");
    return v->as_bool();
}

std::string type_of(const json::value& v) {
    if (!v.is_object()) return {};
    const auto* t = v.as_object().if_contains("type");
    return t != nullptr && t->is_string() ? std::string(t->as_string()) : std::string();
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace

Tokenizer Tokenizer::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) invalid(file.string(), "cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), file.string());
}

Tokenizer Tokenizer::parse(std::string_view text, const std::string& origin) {
    json::error_code ec;
    const json::value root = json::parse(text, ec);
    if (ec) invalid(origin, "not valid JSON: " + ec.message());
    if (!root.is_object()) invalid(origin, "expected a JSON object");
    const auto& o = root.as_object();
    Tokenizer t;

    const json::value* normalizer = o.if_contains("normalizer");
    if (normalizer != nullptr && !normalizer->is_null()) {
        if (type_of(*normalizer) != "BertNormalizer") {
            invalid(origin, "normalizer type '" + type_of(*normalizer) + "' is not supported (only BertNormalizer)");
        }
        const auto& n = normalizer->as_object();
        BertNormalizerOptions options;
        options.clean_text = bool_member(n, "clean_text", true, origin);
        options.handle_chinese_chars = bool_member(n, "handle_chinese_chars", true, origin);
        options.lowercase = bool_member(n, "lowercase", true, origin);
        if (const auto* s = n.if_contains("strip_accents"); s != nullptr && !s->is_null()) {
            options.strip_accents = bool_member(n, "strip_accents", false, origin);
        }
        t.normalizer_ = options;
    }

    const json::value* pre = o.if_contains("pre_tokenizer");
    if (pre != nullptr && !pre->is_null()) {
        if (type_of(*pre) != "BertPreTokenizer") {
            invalid(origin, "pre_tokenizer type '" + type_of(*pre) + "' is not supported (only BertPreTokenizer)");
        }
        t.bert_pre_tokenizer_ = true;
    }

    const json::value* model = o.if_contains("model");
    if (model == nullptr || !model->is_object()) invalid(origin, "no model");
    const auto& m = model->as_object();
    const std::string model_type = type_of(*model);
    if (model_type == "WordLevel") {
        t.model_ = Model::word_level;
    } else if (model_type == "WordPiece") {
        t.model_ = Model::word_piece;
        if (const auto* p = m.if_contains("continuing_subword_prefix"); p != nullptr && p->is_string()) {
            t.continuing_subword_prefix_ = std::string(p->as_string());
        }
        if (const auto* p = m.if_contains("max_input_chars_per_word"); p != nullptr && p->is_int64()) {
            t.max_input_chars_per_word_ = static_cast<std::size_t>(p->as_int64());
        }
    } else {
        invalid(origin, "model type '" + model_type + "' is not supported (only WordLevel and WordPiece)");
    }
    const auto* vocab = m.if_contains("vocab");
    if (vocab == nullptr || !vocab->is_object()) invalid(origin, "model.vocab must be an object of token -> id");
    t.vocab_.reserve(vocab->as_object().size());
    for (const auto& [token, id] : vocab->as_object()) {
        if (!id.is_int64() || id.as_int64() < 0 || id.as_int64() > 0xFFFFFFFFLL) {
            invalid(origin, "model.vocab['" + std::string(token) + "'] must be a non-negative integer id");
        }
        const auto value = static_cast<std::uint32_t>(id.as_int64());
        t.vocab_.emplace(std::string(token), value);
        t.max_id_ = std::max(t.max_id_, value);
    }
    if (const auto* unk = m.if_contains("unk_token"); unk != nullptr && unk->is_string()) {
        const auto it = t.vocab_.find(std::string(unk->as_string()));
        if (it == t.vocab_.end()) invalid(origin, "model.unk_token '" + std::string(unk->as_string()) + "' is not in the vocabulary");
        t.unk_id_ = it->second;
        t.has_unk_ = true;
    }
    return t;
}

template <class OnWord>
void Tokenizer::for_each_word(std::string_view text, OnWord&& on_word) const {
    std::u32string codes = decode_utf8(text);
    if (normalizer_) codes = bert_normalize(codes, *normalizer_);
    std::string word;
    auto flush = [&] {
        if (!word.empty()) on_word(word);
        word.clear();
    };
    for (const char32_t c : codes) {
        if (!bert_pre_tokenizer_) {
            append_utf8(word, c);
        } else if (is_bert_whitespace(c)) {
            flush();
        } else if (is_bert_punctuation(c)) {
            flush();
            append_utf8(word, c);
            flush();
        } else {
            append_utf8(word, c);
        }
    }
    flush();
}

std::vector<std::string> Tokenizer::pre_tokens(std::string_view text) const {
    std::vector<std::string> words;
    for_each_word(text, [&](const std::string& word) { words.push_back(word); });
    return words;
}

std::vector<std::uint32_t> Tokenizer::encode(std::string_view text) const {
    std::vector<std::uint32_t> ids;
    for_each_word(text, [&](const std::string& word) { encode_word(word, ids); });
    return ids;
}

void Tokenizer::encode_word(const std::string& word, std::vector<std::uint32_t>& out) const {
    if (model_ == Model::word_level) {
        const auto it = vocab_.find(word);
        if (it != vocab_.end()) {
            out.push_back(it->second);
        } else if (has_unk_) {
            out.push_back(unk_id_);
        }
        return;
    }
    // WordPiece: greedy longest match first; a word with an unmatchable piece is one unk token.
    if (utf8_length(word) > max_input_chars_per_word_) {
        if (has_unk_) out.push_back(unk_id_);
        return;
    }
    std::vector<std::uint32_t> pieces;
    std::size_t start = 0;
    std::string candidate;
    while (start < word.size()) {
        std::size_t end = word.size();
        bool found = false;
        while (start < end) {
            candidate.assign(start > 0 ? continuing_subword_prefix_ : std::string());
            candidate.append(word, start, end - start);
            if (const auto it = vocab_.find(candidate); it != vocab_.end()) {
                pieces.push_back(it->second);
                found = true;
                break;
            }
            do {
                --end;  // back one whole UTF-8 character
            } while (end > start && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
        }
        if (!found) {
            if (has_unk_) out.push_back(unk_id_);
            return;
        }
        start = end;
    }
    out.insert(out.end(), pieces.begin(), pieces.end());
}

}  // namespace braid::inference
