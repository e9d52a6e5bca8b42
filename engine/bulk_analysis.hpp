#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/catalog.hpp"
#include "engine/document_parser.hpp"
#include "engine/ndjson_lines.hpp"
#include "engine/parsed_document.hpp"

namespace braid::engine {

// One line of a bulk body after analysis: the document ready to apply, or why the line fails.
struct AnalyzedLine {
    std::optional<ParsedDocument> document;
    std::optional<BulkError> error;
};

// Parses and analyzes every line on the analysis threads (parallel_analysis.hpp); the results
// are in line order. A line's document keeps its text as sent when it is one line.
std::vector<AnalyzedLine> analyze_bulk_lines(const DocumentParser& parser, const std::string& id_field,
                                             std::span<const NdjsonLine> lines);

// The documents of a journaled batch (id, text as sent), analyzed the same way; throws the first
// error a document raises.
std::vector<ParsedDocument> analyze_logged_documents(
    const DocumentParser& parser, const std::vector<std::pair<std::string, std::string_view>>& documents);

}  // namespace braid::engine
