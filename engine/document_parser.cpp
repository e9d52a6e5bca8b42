#include "engine/document_parser.hpp"

#include <cmath>
#include <limits>

#include <boost/json/parse.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/serialize.hpp>

#include "config/json_kit.hpp"
#include "core/error.hpp"
#include "dense/vector_index.hpp"
#include "engine/schema.hpp"

namespace braid::engine {
namespace json = boost::json;

namespace {

[[noreturn]] void fail(const std::string& type, const std::string& path, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, type, path + ": " + what, path);
}

[[noreturn]] void wrong_type(const std::string& path, const std::string& expected, const json::value& got,
                             const std::string& type = "invalid_document") {
    fail(type, path, "expected " + expected + ", got " + describe_json(got));
}

// Positions of later array elements continue after the previous element, with a gap so phrase
// matches never straddle two elements.
constexpr std::uint32_t kArrayPositionGap = 100;

}  // namespace

json::object parse_document_text(std::string_view text) {
    boost::system::error_code ec;
    json::stream_parser parser;
    const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
    if (!ec && !parser.done()) parser.finish(ec);  // (finish after a done parse reports "incomplete")
    if (ec) throw Error(ErrorKind::invalid_argument, "parse_error", "the document is not valid JSON: " + ec.message());
    const auto rest = text.find_first_not_of(" \t\r\n", consumed);
    if (rest != std::string_view::npos) {
        // `curl -d @file` strips the newlines of an NDJSON file: its documents arrive on one line.
        if (text[rest] == '{')
            throw Error(ErrorKind::invalid_argument, "concatenated_documents",
                        "the line holds several JSON objects one after another (a second begins at byte " +
                            std::to_string(rest) + "): the newlines between documents were lost; send NDJSON with "
                            "curl --data-binary @file (curl -d strips newlines)");
        throw Error(ErrorKind::invalid_argument, "parse_error",
                    "the document is not valid JSON: extra data after it at byte " + std::to_string(rest));
    }
    json::value value = parser.release();
    if (!value.is_object())
        throw Error(ErrorKind::invalid_argument, "invalid_document",
                    "a document must be a JSON object, got " + describe_json(value));
    return std::move(value.get_object());
}

std::string describe_json(const json::value& value) { return config::json_kit::shown(value, 37); }

DocumentParser::DocumentParser(const config::CollectionConfig& schema, const analyzers::AnalyzerRegistry& registry)
    : schema_(schema) {
    for (const auto& field : schema.fields) {
        if (is_text(field)) {
            text_fields_.push_back(field.name);
            text_analyzers_.push_back(registry.get(field.analyzer));
        } else {
            filter_fields_.push_back(&field);
        }
    }
}

std::shared_ptr<const analyzers::Analyzer> DocumentParser::analyzer(const std::string& field) const {
    for (std::size_t i = 0; i < text_fields_.size(); ++i)
        if (text_fields_[i] == field) return text_analyzers_[i];
    return nullptr;
}

std::optional<std::string> DocumentParser::id_of(const json::object& document) const {
    const json::value* value = document.if_contains(schema_.id_field);
    if (!value || value->is_null()) return std::nullopt;
    if (value->is_string()) {
        std::string id(value->get_string());
        if (id.empty()) fail("invalid_document", schema_.id_field, "the id must not be empty");
        return id;
    }
    if (value->is_int64()) return std::to_string(value->get_int64());
    if (value->is_uint64()) return std::to_string(value->get_uint64());
    wrong_type(schema_.id_field, "a string or an integer", *value);
}

ParsedDocument DocumentParser::parse(std::string id, const json::object& document,
                                     const ParseOptions& options) const {
    const bool analyze = options.text == TextAnalysis::analyze;
    const std::optional<std::string_view>& original = options.original;
    if (id.empty()) fail("invalid_document", schema_.id_field, "the id must not be empty");
    if (const auto own = id_of(document); own && *own != id)
        fail("invalid_document", schema_.id_field,
             "the document's id \"" + *own + "\" differs from the id \"" + id + "\" it is stored under");

    ParsedDocument parsed;
    parsed.id = std::move(id);
    for (const auto& field : schema_.fields) {
        const json::value* value = document.if_contains(field.name);
        if (is_text(field)) {
            if (!value || value->is_null()) continue;
            if (analyze) parsed.text.push_back({field.name, analyze_text(field, *value)});
            else check_text(field, *value);
        } else {
            parsed.filters.push_back(value ? filter_value(field, *value) : FilterFieldValue{});
        }
    }
    if (schema_.vector) {
        const json::value* value = document.if_contains(schema_.vector->field);
        if (value && !value->is_null()) parsed.vector = vector_value(*value);
    }
    parsed.json = original ? std::string(*original) : json::serialize(document);
    return parsed;
}

std::vector<analyzers::Token> DocumentParser::analyze_text(const config::FieldConfig& field,
                                                           const json::value& value) const {
    const auto& analyzer = *this->analyzer(field.name);
    check_text(field, value);
    if (value.is_string()) return analyzer.analyze(value.get_string());
    std::vector<analyzers::Token> tokens;
    std::uint32_t base = 0;
    const auto& array = value.get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto part = analyzer.analyze(array[i].get_string());
        std::uint32_t last = base;
        for (auto& token : part) {
            token.position += base;
            last = token.position;
            tokens.push_back(std::move(token));
        }
        if (!part.empty()) base = last + kArrayPositionGap;
    }
    return tokens;
}

void DocumentParser::check_text(const config::FieldConfig& field, const json::value& value) const {
    if (value.is_string()) return;
    if (!value.is_array()) wrong_type(field.name, "a string or an array of strings", value);
    const auto& array = value.get_array();
    for (std::size_t i = 0; i < array.size(); ++i)
        if (!array[i].is_string()) wrong_type(config::json_kit::element_path(field.name, i), "a string", array[i]);
}

FilterFieldValue DocumentParser::filter_value(const config::FieldConfig& field, const json::value& value) const {
    if (value.is_null()) return {};
    const std::string& path = field.name;
    switch (field.type) {
        case config::FieldType::keyword: {
            if (value.is_string()) return std::vector<std::string>{std::string(value.get_string())};
            if (!value.is_array()) wrong_type(path, "a string or an array of strings", value);
            std::vector<std::string> keywords;
            const auto& array = value.get_array();
            for (std::size_t i = 0; i < array.size(); ++i) {
                if (!array[i].is_string()) wrong_type(config::json_kit::element_path(path, i), "a string", array[i]);
                keywords.emplace_back(array[i].get_string());
            }
            return keywords;
        }
        case config::FieldType::integer:
            if (value.is_int64()) return value.get_int64();
            if (value.is_uint64() && value.get_uint64() <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                return static_cast<std::int64_t>(value.get_uint64());
            if (value.is_double() && std::trunc(value.get_double()) == value.get_double() &&
                std::abs(value.get_double()) < 9.2e18)
                return static_cast<std::int64_t>(value.get_double());
            wrong_type(path, "an integer", value);
        case config::FieldType::floating:
            if (value.is_number()) return value.to_number<double>();
            wrong_type(path, "a number", value);
        case config::FieldType::boolean:
            if (value.is_bool()) return value.get_bool();
            wrong_type(path, "true or false", value);
        case config::FieldType::text: break;
    }
    return {};
}

std::vector<float> DocumentParser::vector_value(const json::value& value) const {
    const auto& config = *schema_.vector;
    const std::string& path = config.field;
    if (!value.is_array()) wrong_type(path, "an array of " + std::to_string(config.dimension) + " numbers", value,
                                      "invalid_vector");
    const auto& array = value.get_array();
    if (array.size() != config.dimension)
        fail("invalid_vector", path,
             "expected " + std::to_string(config.dimension) + " numbers, got " + std::to_string(array.size()));
    std::vector<float> vector;
    vector.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        const std::string item = config::json_kit::element_path(path, i);
        if (!array[i].is_number()) wrong_type(item, "a number", array[i], "invalid_vector");
        const float x = static_cast<float>(array[i].to_number<double>());
        if (!std::isfinite(x)) fail("invalid_vector", item, describe_json(array[i]) + " is out of the float range");
        vector.push_back(x);
    }
    try {
        dense::validate_vector(vector, config.dimension, vector_spec(config).metric);
    } catch (const Error& e) {
        fail("invalid_vector", path, e.what());
    }
    return vector;
}

}  // namespace braid::engine
