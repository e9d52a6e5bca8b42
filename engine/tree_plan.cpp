#include "engine/tree_plan.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "lexical/query_syntax.hpp"

namespace braid::engine {

std::optional<lexical::TreeQuery> plan_tree(const SearchRequest& request, const std::vector<lexical::FieldAnalyzer>& fields,
                                            const std::vector<lexical::FieldQuery>& plain) {
    const SyntaxOptions& options = request.syntax;
    // A plain query meeting a synonym rule needs the tree (its phrases and alternatives); one
    // meeting none keeps the pruned path.
    std::vector<std::vector<lexical::QueryClause>> synonym_clauses;
    if (!options.simple && lexical::has_synonyms(fields)) {
        synonym_clauses = lexical::plain_synonym_clauses(*request.query, fields, request.op);
        const bool expanded = !synonym_clauses.empty() &&
                              std::any_of(synonym_clauses.front().begin(), synonym_clauses.front().end(),
                                          [](const lexical::QueryClause& c) { return c.kind == lexical::ClauseKind::synonyms; });
        if (!expanded) synonym_clauses.clear();
    }
    if (!options.simple && !options.minimum_should_match && synonym_clauses.empty()) return std::nullopt;
    if (options.minimum_should_match && request.op == MatchOperator::all)
        throw Error(ErrorKind::invalid_argument, "invalid_request",
                    "minimum_should_match: applies to \"operator\": \"or\" (with \"and\" every clause is required)",
                    "minimum_should_match");
    lexical::TreeQuery tree;
    for (const auto& f : fields) tree.fields.push_back(f.target);
    tree.minimum_should_match = options.minimum_should_match;
    tree.max_expansions = options.max_expansions;
    tree.prefix_length = options.prefix_length;
    if (options.simple) {
        const auto syntax = lexical::parse_simple_query(*request.query);
        tree.alternatives = lexical::analyze_query(syntax, fields, request.op, options.fuzziness);
    } else if (!synonym_clauses.empty()) {
        tree.alternatives = std::move(synonym_clauses);
    } else {
        tree.alternatives = lexical::plain_clauses(plain, request.op);
    }
    return tree;
}

void explain_tree(const lexical::TreeQuery& tree, SearchExplanation& explain) {
    std::vector<std::vector<std::string>> labels;
    for (const auto& group : tree.alternatives) {
        labels.emplace_back();
        for (const auto& clause : group) labels.back().push_back(clause.label);
    }
    explain.query_clauses = std::move(labels);
    if (!tree.minimum_should_match) return;
    std::size_t total = tree.alternatives.size();
    if (total == 1) {
        total = 0;
        for (const auto& clause : tree.alternatives.front()) total += clause.occur == lexical::Occur::should ? 1 : 0;
    }
    explain.minimum_should_match = tree.minimum_should_match->resolve(total);
}

}  // namespace braid::engine
