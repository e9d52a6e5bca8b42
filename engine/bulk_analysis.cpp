#include "engine/bulk_analysis.hpp"

#include "core/error.hpp"
#include "engine/parallel_analysis.hpp"
#include "engine/wal_records.hpp"

namespace braid::engine {

namespace {

std::optional<std::string_view> one_line(std::string_view text) {
    return is_single_line(text) ? std::optional(text) : std::nullopt;
}

AnalyzedLine analyze_line(const DocumentParser& parser, const std::string& id_field, const NdjsonLine& line) {
    std::optional<std::string> id;
    try {
        const boost::json::object document = parse_document_text(line.text);
        id = parser.id_of(document);
        if (!id)
            throw Error(ErrorKind::invalid_argument, "invalid_document",
                        "the document has no id field \"" + id_field + "\"", id_field);
        return {parser.parse(*id, document, {.original = one_line(line.text)}), std::nullopt};
    } catch (const Error& e) {
        return {std::nullopt, BulkError{line.number, id, e.type(), e.what(), e.path()}};
    }
}

}  // namespace

std::vector<AnalyzedLine> analyze_bulk_lines(const DocumentParser& parser, const std::string& id_field,
                                             std::span<const NdjsonLine> lines) {
    std::vector<AnalyzedLine> analyzed(lines.size());
    for_each_parallel(lines.size(), [&](std::size_t i) { analyzed[i] = analyze_line(parser, id_field, lines[i]); });
    return analyzed;
}

std::vector<ParsedDocument> analyze_logged_documents(
    const DocumentParser& parser, const std::vector<std::pair<std::string, std::string_view>>& documents) {
    std::vector<ParsedDocument> parsed(documents.size());
    for_each_parallel(documents.size(), [&](std::size_t i) {
        const auto& [id, text] = documents[i];
        parsed[i] = parser.parse(id, parse_document_text(text), {.original = one_line(text)});
    });
    return parsed;
}

}  // namespace braid::engine
