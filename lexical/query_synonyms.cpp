// Query clauses with synonyms expanded (see tree_query.hpp).
#include <algorithm>

#include "lexical/tree_query.hpp"

namespace braid::lexical {
namespace {

std::string phrase_label(const analyzers::SynonymPhrase& phrase) {
    if (phrase.terms.size() == 1) return phrase.terms.front();
    std::string out(1, '"');
    for (std::size_t i = 0; i < phrase.terms.size(); ++i) out.append(i ? " " : "").append(phrase.terms[i]);
    return out.append(1, '"');
}

// How explain names a synonyms clause: ("heart attack" | "myocardi infarct" | mi).
std::string synonyms_label(const std::vector<analyzers::SynonymPhrase>& alternatives) {
    std::string out(1, '(');
    for (std::size_t i = 0; i < alternatives.size(); ++i) out.append(i ? " | " : "").append(phrase_label(alternatives[i]));
    return out.append(1, ')');
}

QueryClause& clause_for(std::vector<QueryClause>& clauses, ClauseKind kind, Occur occur, const std::string& label) {
    auto it = std::find_if(clauses.begin(), clauses.end(),
                           [&](const QueryClause& c) { return c.kind == kind && c.label == label; });
    if (it != clauses.end()) return *it;
    clauses.push_back(QueryClause{kind, occur, label, 0, 0, {}});
    return clauses.back();
}

bool has_field(const QueryClause& clause, std::size_t field) {
    return std::any_of(clause.forms.begin(), clause.forms.end(), [&](const FieldForm& f) { return f.field == field; });
}

}  // namespace

bool has_synonyms(std::span<const FieldAnalyzer> fields) {
    return std::any_of(fields.begin(), fields.end(),
                       [](const FieldAnalyzer& f) { return f.analyzer != nullptr && f.analyzer->synonyms() != nullptr; });
}

std::vector<QueryClause> synonym_stream_clauses(const std::vector<std::vector<analyzers::Token>>& tokens,
                                                std::span<const FieldAnalyzer> fields, Occur occur) {
    std::vector<QueryClause> clauses;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        const auto& stream = tokens[f];
        const analyzers::SynonymMap* map = fields[f].analyzer->synonyms();
        std::vector<analyzers::SynonymSegment> segments;
        if (map != nullptr) {
            segments = map->expand(stream);
        } else {
            for (std::size_t i = 0; i < stream.size(); ++i) segments.push_back({i, i + 1, {}});
        }
        for (const auto& segment : segments) {
            if (segment.alternatives.empty()) {
                const std::string& term = stream[segment.begin].text;
                QueryClause& clause = clause_for(clauses, ClauseKind::term, occur, term);
                if (!has_field(clause, f)) clause.forms.push_back(FieldForm{f, {term}, {}});
                continue;
            }
            QueryClause& clause = clause_for(clauses, ClauseKind::synonyms, occur, synonyms_label(segment.alternatives));
            if (has_field(clause, f)) continue;  // the same stretch again in this field counts once
            for (const auto& alternative : segment.alternatives)
                clause.forms.push_back(FieldForm{f, alternative.terms, alternative.positions});
        }
    }
    return clauses;
}

std::vector<std::vector<QueryClause>> plain_synonym_clauses(std::string_view query, std::span<const FieldAnalyzer> fields,
                                                           Operator op) {
    std::vector<std::vector<analyzers::Token>> tokens;
    for (const auto& field : fields) tokens.push_back(field.analyzer->analyze(query));
    std::vector<std::vector<QueryClause>> out;
    auto clauses = synonym_stream_clauses(tokens, fields, op == Operator::all ? Occur::must : Occur::should);
    if (!clauses.empty()) out.push_back(std::move(clauses));
    return out;
}

}  // namespace braid::lexical
