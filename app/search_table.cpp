#include "app/search_table.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <boost/json/object.hpp>

#include "core/json_text.hpp"

namespace braid::app {
namespace {

namespace json = boost::json;

constexpr std::size_t kSnippetChars = 60;
constexpr std::size_t kIdChars = 24;

// Display width is approximated by code points (no wide-glyph table): good enough for a table.
std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// At most `limit` code points of `text` on one line, "…" marking a cut.
std::string shortened(std::string_view text, std::size_t limit) {
    std::string out;
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool starts_point = (byte & 0xC0) != 0x80;
        if (starts_point && ++points > limit) {
            // Step back to make room for the ellipsis.
            while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
            if (!out.empty()) out.pop_back();
            return out + "…";
        }
        out += (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') ? ' ' : text[i];
    }
    return out;
}

std::string padded(const std::string& text, std::size_t width, bool right = false) {
    const std::size_t n = code_points(text);
    if (n >= width) return text;
    const std::string pad(width - n, ' ');
    return right ? pad + text : text + pad;
}

// The title, else the first member holding a string (or an array of strings) other than the id.
std::string snippet(const json::value& document, const std::string& id) {
    if (!document.is_object()) return {};
    const auto& object = document.get_object();
    const auto text_of = [](const json::value& v) -> std::string {
        if (v.is_string()) return std::string(v.get_string());
        if (v.is_array() && !v.get_array().empty() && v.get_array()[0].is_string())
            return std::string(v.get_array()[0].get_string());
        return {};
    };
    if (const auto* title = object.if_contains("title"); title && !text_of(*title).empty()) return text_of(*title);
    for (const auto& [key, value] : object) {
        const std::string text = text_of(value);
        if (!text.empty() && text != id) return text;
    }
    return {};
}

std::string side_rank(const json::object& hit, const char* side) {
    const auto* found = hit.if_contains(side);
    if (!found || !found->is_object()) return "-";
    const auto* rank = found->get_object().if_contains("rank");
    return rank && rank->is_number() ? number_text(rank->to_number<double>()) : "-";
}

std::string fusion_text(const json::object& fusion) {
    std::string out;
    for (const auto& [key, value] : fusion) {
        if (!out.empty()) out += ' ';
        out += std::string(key) + "=" + (value.is_string() ? std::string(value.get_string()) : json_text(value));
    }
    return out;
}

}  // namespace

std::string search_table(const json::value& answer) {
    const auto& object = answer.as_object();
    const auto& hits = object.at("hits").as_array();
    std::string out = std::to_string(hits.size()) + (hits.size() == 1 ? " hit" : " hits");
    if (const auto* took = object.if_contains("took_ms"); took && took->is_number()) {
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.1f", took->to_number<double>());
        out += std::string(" in ") + ms + " ms";
    }
    if (const auto* fusion = object.if_contains("fusion"); fusion && fusion->is_object())
        out += " (fusion: " + fusion_text(fusion->get_object()) + ")";
    out += '\n';
    if (hits.empty()) return out;

    struct Row {
        std::string rank, id, score, lexical, dense, snippet;
    };
    std::vector<Row> rows;
    rows.push_back({"rank", "id", "score", "lex", "dense", "title / text"});
    std::size_t rank = 1;
    for (const auto& item : hits) {
        const auto& hit = item.as_object();
        const std::string id = hit.at("id").is_string() ? std::string(hit.at("id").get_string()) : json_text(hit.at("id"));
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", hit.at("score").to_number<double>());
        const json::value* document = hit.if_contains("document");
        rows.push_back({std::to_string(rank++), shortened(id, kIdChars), score, side_rank(hit, "lexical"),
                        side_rank(hit, "dense"), document ? shortened(snippet(*document, id), kSnippetChars) : ""});
    }
    std::size_t w_rank = 0, w_id = 0, w_score = 0, w_lex = 0, w_dense = 0;
    for (const auto& row : rows) {
        w_rank = std::max(w_rank, code_points(row.rank));
        w_id = std::max(w_id, code_points(row.id));
        w_score = std::max(w_score, code_points(row.score));
        w_lex = std::max(w_lex, code_points(row.lexical));
        w_dense = std::max(w_dense, code_points(row.dense));
    }
    for (const auto& row : rows) {
        std::string line = padded(row.rank, w_rank, true) + "  " + padded(row.id, w_id) + "  " +
                           padded(row.score, w_score, true) + "  " + padded(row.lexical, w_lex, true) + "  " +
                           padded(row.dense, w_dense, true) + "  " + row.snippet;
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

}  // namespace braid::app
