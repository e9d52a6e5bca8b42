#include "engine/tree_plan.hpp"

#include "core/error.hpp"
#include "lexical/query_syntax.hpp"

namespace braid::engine {

std::optional<lexical::TreeQuery> plan_tree(const SearchRequest& request, const std::vector<lexical::FieldAnalyzer>& fields,
                                            const std::vector<lexical::FieldQuery>& plain) {
    const SyntaxOptions& options = request.syntax;
    if (!options.simple && !options.minimum_should_match) return std::nullopt;
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
