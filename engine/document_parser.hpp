#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "analyzers/analyzer.hpp"
#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/parsed_document.hpp"

namespace braid::engine {

// Turns a JSON document into what the indexes need, validating every member the schema knows.
// Errors: braid::Error(invalid_argument, "invalid_document" | "invalid_vector", message, path),
// the message starting with the JSON path (e.g. `embedding[3]: expected a number, got "x"`).
// Immutable after construction; safe to use from many threads.
class DocumentParser {
public:
    DocumentParser(const config::CollectionConfig& schema, const analyzers::AnalyzerRegistry& registry);

    // The document's id field as a string (strings and integers accepted); nullopt when absent.
    std::optional<std::string> id_of(const boost::json::object& document) const;

    enum class TextAnalysis {
        analyze,  // tokenize the text fields
        skip,     // only check them (reloading a snapshot whose lexical index is saved)
    };
    struct ParseOptions {
        TextAnalysis text = TextAnalysis::analyze;
        // The document's JSON text as it came, kept as is when given (it must be one line);
        // otherwise the document is serialized compactly.
        std::optional<std::string_view> original;
    };
    ParsedDocument parse(std::string id, const boost::json::object& document, const ParseOptions& options) const;
    ParsedDocument parse(std::string id, const boost::json::object& document) const {
        return parse(std::move(id), document, ParseOptions{});
    }

    // The analyzer of a text field (nullptr when `field` is not a text field).
    std::shared_ptr<const analyzers::Analyzer> analyzer(const std::string& field) const;
    const std::vector<std::string>& text_fields() const { return text_fields_; }
    const std::vector<const config::FieldConfig*>& filter_fields() const { return filter_fields_; }

private:
    std::vector<analyzers::Token> analyze_text(const config::FieldConfig& field,
                                               const boost::json::value& value) const;
    void check_text(const config::FieldConfig& field, const boost::json::value& value) const;
    FilterFieldValue filter_value(const config::FieldConfig& field, const boost::json::value& value) const;
    std::vector<float> vector_value(const boost::json::value& value) const;

    const config::CollectionConfig& schema_;
    std::vector<std::string> text_fields_;
    std::vector<std::shared_ptr<const analyzers::Analyzer>> text_analyzers_;  // parallel to text_fields_
    std::vector<const config::FieldConfig*> filter_fields_;
};

// Parses a document's JSON text. Errors: Error(invalid_argument, "parse_error" | "invalid_document").
boost::json::object parse_document_text(std::string_view text);

// `"x"`, `42`, `[1,2]` ... shortened for error messages.
std::string describe_json(const boost::json::value& value);

}  // namespace braid::engine
