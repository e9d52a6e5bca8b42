#include "inference/bert_text.hpp"

#include <algorithm>

#include "inference/bert_unicode_tables.hpp"

namespace braid::inference {

namespace tables = unicode_tables;

namespace {

bool in_ranges(const tables::CodeRange* ranges, std::size_t size, char32_t c) {
    const auto* end = ranges + size;
    const auto* it = std::upper_bound(ranges, end, c, [](char32_t v, const tables::CodeRange& r) { return v < r.first; });
    return it != ranges && c <= (it - 1)->last;
}

const tables::CodeMapping* find_mapping(const tables::CodeMapping* mappings, std::size_t size, char32_t c) {
    const auto* end = mappings + size;
    const auto* it = std::lower_bound(mappings, end, c, [](const tables::CodeMapping& m, char32_t v) { return m.code < v; });
    return it != end && it->code == c ? it : nullptr;
}

}  // namespace

bool is_bert_whitespace(char32_t c) {
    switch (c) {
        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0: case 0x1680:
        case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

bool is_bert_control(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    return in_ranges(tables::other, tables::other_size, c);
}

bool is_bert_punctuation(char32_t c) {
    if (c < 0x80) return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
    return in_ranges(tables::punctuation, tables::punctuation_size, c);
}

bool is_chinese_char(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

bool is_nonspacing_mark(char32_t c) { return in_ranges(tables::nonspacing_mark, tables::nonspacing_mark_size, c); }

namespace {

// Appends the full canonical decomposition of `c` (Hangul algorithmically, Unicode 3.12).
void decompose_into(char32_t c, std::u32string& out) {
    if (c < 0xC0) {  // nothing below U+00C0 decomposes
        out.push_back(c);
        return;
    }
    constexpr char32_t s_base = 0xAC00, l_base = 0x1100, v_base = 0x1161, t_base = 0x11A7;
    constexpr char32_t t_count = 28, n_count = 21 * 28, s_count = 19 * 21 * 28;
    if (c >= s_base && c < s_base + s_count) {
        const char32_t index = c - s_base;
        out.push_back(l_base + index / n_count);
        out.push_back(v_base + (index % n_count) / t_count);
        if (index % t_count != 0) out.push_back(t_base + index % t_count);
        return;
    }
    if (const auto* m = find_mapping(tables::decomposition, tables::decomposition_size, c)) {
        out.append(tables::decomposition_pool + m->offset, m->length);
    } else {
        out.push_back(c);
    }
}

void lowercase_into(char32_t c, std::u32string& out) {
    if (c < 0x80) {
        out.push_back((c >= 'A' && c <= 'Z') ? c + 32 : c);
    } else if (const auto* m = find_mapping(tables::lowercase, tables::lowercase_size, c)) {
        out.append(tables::lowercase_pool + m->offset, m->length);
    } else {
        out.push_back(c);
    }
}

}  // namespace

std::u32string canonical_decomposition(char32_t c) {
    std::u32string out;
    decompose_into(c, out);
    return out;
}

std::u32string lowercase_of(char32_t c) {
    std::u32string out;
    lowercase_into(c, out);
    return out;
}

// Every step of the normalizer maps one character to zero or more characters, so applying the
// steps to each character in turn equals tokenizers' whole-string passes in the same order.
std::u32string bert_normalize(std::u32string_view text, const BertNormalizerOptions& options) {
    const bool strip = options.strip_accents.value_or(options.lowercase);
    std::u32string out;
    out.reserve(text.size() + text.size() / 8);
    std::u32string spread, decomposed;
    for (char32_t c : text) {
        if (c < 0x80 && c >= 0x20 && c != 0x7F) {  // printable ASCII: only lowercasing applies
            out.push_back(options.lowercase && c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if (options.clean_text) {
            if (c == 0 || c == 0xFFFD || is_bert_control(c)) continue;
            if (is_bert_whitespace(c)) c = U' ';
        }
        spread.clear();
        if (options.handle_chinese_chars && is_chinese_char(c)) {
            spread = {U' ', c, U' '};
        } else {
            spread.push_back(c);
        }
        // NFD's canonical reordering is skipped: it only permutes combining marks, and the
        // nonspacing ones among them are dropped right here.
        if (strip) {
            decomposed.clear();
            for (const char32_t s : spread) decompose_into(s, decomposed);
            spread.clear();
            for (const char32_t d : decomposed) {
                if (!is_nonspacing_mark(d)) spread.push_back(d);
            }
        }
        for (const char32_t s : spread) {
            if (options.lowercase) {
                lowercase_into(s, out);
            } else {
                out.push_back(s);
            }
        }
    }
    return out;
}

std::vector<std::u32string> bert_pre_tokenize(std::u32string_view text) {
    std::vector<std::u32string> words;
    std::u32string word;
    auto flush = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    for (const char32_t c : text) {
        if (is_bert_whitespace(c)) {
            flush();
        } else if (is_bert_punctuation(c)) {
            flush();
            words.emplace_back(1, c);
        } else {
            word.push_back(c);
        }
    }
    flush();
    return words;
}

}  // namespace braid::inference
