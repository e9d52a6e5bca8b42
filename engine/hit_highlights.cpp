#include "engine/hit_highlights.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "engine/json_members.hpp"
#include "engine/schema.hpp"
#include "lexical/query_syntax.hpp"

namespace braid::engine {

namespace {

namespace json = boost::json;

// The query's clauses analyzed by `field`'s analyzer, as the lexical plan analyzes them.
lexical::HighlightQuery field_query(const SearchRequest& request, const std::string& field,
                                    const analyzers::Analyzer& analyzer) {
    lexical::HighlightQuery out;
    out.prefix_length = request.syntax.prefix_length;
    std::vector<std::vector<lexical::QueryClause>> groups;
    if (request.syntax.simple) {
        const lexical::FieldAnalyzer fields[] = {{{field, 1.0f}, &analyzer}};
        groups = lexical::analyze_query(lexical::parse_simple_query(*request.query), fields, request.op,
                                        request.syntax.fuzziness);
    } else if (const lexical::FieldAnalyzer fields[] = {{{field, 1.0f}, &analyzer}}; lexical::has_synonyms(fields)) {
        groups = lexical::plain_synonym_clauses(*request.query, fields, request.op);
    } else {
        lexical::FieldQuery plain{field, 1.0f, {}};
        for (auto& token : analyzer.analyze(*request.query)) plain.terms.push_back(std::move(token.text));
        groups = lexical::plain_clauses({plain}, request.op);
    }
    for (auto& group : groups)
        for (auto& clause : group)
            if (clause.occur != lexical::Occur::must_not) out.clauses.push_back(std::move(clause));
    return out;
}

std::vector<std::string> field_fragments(const json::value& value, lexical::Highlighter& highlighter,
                                         const HighlightOptions& options) {
    if (value.is_string()) return highlighter.fragments(value.get_string(), options);
    std::vector<std::string> out;
    if (!value.is_array()) return out;
    // An array of strings: each value cut on its own, fragments taken in value order.
    HighlightOptions matched_only = options;
    matched_only.no_match_size = 0;
    for (const auto& item : value.get_array()) {
        if (!item.is_string() || out.size() >= options.fragments) continue;
        for (auto& f : highlighter.fragments(item.get_string(), matched_only))
            if (out.size() < options.fragments) out.push_back(std::move(f));
    }
    if (out.empty() && options.no_match_size > 0)
        for (const auto& item : value.get_array())
            if (item.is_string()) return lexical::highlight_fragments(item.get_string(), {}, highlighter.query(), options);
    return out;
}

// The values of the named top-level members of a stored document (null where absent): only
// those are parsed, not the whole document.
std::vector<json::value> member_values(std::string_view document, const std::vector<std::string>& names) {
    std::vector<json::value> out(names.size());
    for (const JsonMember& member : top_level_members(document)) {
        for (std::size_t f = 0; f < names.size(); ++f) {
            if (!key_equals(member.raw_key, names[f])) continue;  // a repeated key: the last wins, as in a parse
            // The value follows the key and its colon.
            const std::size_t colon = document.find(':', member.begin + member.raw_key.size() + 2);
            out[f] = json::parse(document.substr(colon + 1, member.end - colon - 1));
        }
    }
    return out;
}

}  // namespace

void check_highlight(const config::CollectionConfig& schema, const HighlightRequest& highlight) {
    lexical::check(highlight.options);
    for (std::size_t i = 0; i < highlight.fields.size(); ++i) {
        const std::string& name = highlight.fields[i];
        const std::string path = "highlight.fields[" + std::to_string(i) + "]";
        const auto* field = schema.field(name);
        if (!field || !is_text(*field))
            throw Error(ErrorKind::invalid_argument, "unknown_field",
                        path + ": \"" + name + "\" is not a text field of collection \"" + schema.name + "\"", path);
    }
}

void add_highlights(const DocumentParser& parser, const SearchRequest& request, std::vector<Hit>& hits) {
    if (!request.highlight || !request.query) return;
    const HighlightRequest& highlight = *request.highlight;
    std::vector<lexical::Highlighter> highlighters;  // one per field, over every hit
    for (const auto& field : highlight.fields) {
        auto analyzer = parser.analyzer(field);
        auto query = field_query(request, field, *analyzer);
        highlighters.emplace_back(std::move(analyzer), std::move(query));
    }
    for (auto& hit : hits) {
        const std::vector<json::value> values = member_values(hit.document, highlight.fields);
        HitHighlights out;
        for (std::size_t f = 0; f < highlight.fields.size(); ++f) {
            if (values[f].is_null()) continue;
            auto fragments = field_fragments(values[f], highlighters[f], highlight.options);
            if (!fragments.empty()) out.emplace_back(highlight.fields[f], std::move(fragments));
        }
        hit.highlight = std::move(out);
    }
}

}  // namespace braid::engine
