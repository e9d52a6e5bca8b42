#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "lexical/term_expansion.hpp"
#include "lexical/tree_query.hpp"

namespace braid::lexical {

namespace {

[[noreturn]] void malformed(std::size_t offset, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, "invalid_query_syntax",
                "query: " + what + " at offset " + std::to_string(offset), "query");
}

std::string label_of(const SyntaxClause& c, int edits) {
    switch (c.kind) {
        case SyntaxKind::word: return c.text;
        case SyntaxKind::phrase: {
            std::string out(1, '"');
            out.append(c.text).push_back('"');
            if (c.slop) out.append(1, '~').append(std::to_string(c.slop));  // no operator+ (GCC 12 -Wrestrict)
            return out;
        }
        case SyntaxKind::prefix: return c.text + "*";
        case SyntaxKind::fuzzy: return std::string(c.text).append(1, '~').append(std::to_string(edits));
    }
    return c.text;
}

bool same_forms(const QueryClause& a, const QueryClause& b) {
    if (a.forms.size() != b.forms.size()) return false;
    for (std::size_t i = 0; i < a.forms.size(); ++i)
        if (a.forms[i].field != b.forms[i].field || a.forms[i].terms != b.forms[i].terms) return false;
    return true;
}

QueryClause analyze_one(const SyntaxClause& c, std::span<const FieldAnalyzer> fields, Operator op,
                        const Fuzziness& fuzziness) {
    QueryClause out;
    out.occur = c.occur == Occur::should && op == Operator::all ? Occur::must : c.occur;
    out.slop = c.slop;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        auto tokens = fields[f].analyzer->analyze(c.text);
        if (tokens.empty()) continue;
        FieldForm form;
        form.field = f;
        if (c.kind == SyntaxKind::prefix || c.kind == SyntaxKind::fuzzy) {
            if (tokens.size() > 1)
                malformed(c.offset, std::string(c.kind == SyntaxKind::prefix ? "prefix" : "fuzzy") + " word \"" + c.text +
                                        "\" analyzes to " + std::to_string(tokens.size()) +
                                        " terms; '*' and '~' apply to one term");
            form.terms.push_back(std::move(tokens[0].text));
        } else {
            const std::uint32_t first = tokens.front().position;
            for (auto& t : tokens) {
                form.terms.push_back(std::move(t.text));
                form.positions.push_back(t.position - first);
            }
        }
        out.forms.push_back(std::move(form));
    }
    switch (c.kind) {
        case SyntaxKind::word:  // split words are handled by analyze_clause; +/- ones are phrases
        case SyntaxKind::phrase:
            out.kind = ClauseKind::phrase;
            break;
        case SyntaxKind::prefix: out.kind = ClauseKind::prefix; break;
        case SyntaxKind::fuzzy: out.kind = ClauseKind::fuzzy; break;
    }
    if (out.kind == ClauseKind::phrase &&
        std::all_of(out.forms.begin(), out.forms.end(), [](const FieldForm& f) { return f.terms.size() == 1; })) {
        out.kind = ClauseKind::term;  // a one-term phrase is that term (as in Lucene)
        for (auto& f : out.forms) f.positions.clear();
    }
    int edits = 0;
    if (c.kind == SyntaxKind::fuzzy) {
        if (c.edits) edits = *c.edits;
        else {
            // AUTO counts the analyzed term's characters (the first field's form).
            const std::size_t length = out.forms.empty() ? 0 : code_points(out.forms.front().terms.front()).size();
            edits = fuzziness.resolve(length);
        }
        out.edits = edits;
    }
    if (c.occur != Occur::should) out.label.push_back(c.occur == Occur::must ? '+' : '-');
    out.label += label_of(c, edits);
    return out;
}

// A should word the tokenizer splits ("covid-19") becomes one should term clause per token, as
// in a plain query; a required or excluded one is the phrase of its tokens.
std::vector<QueryClause> analyze_clause(const SyntaxClause& c, std::span<const FieldAnalyzer> fields, Operator op,
                                        const Fuzziness& fuzziness) {
    QueryClause whole = analyze_one(c, fields, op, fuzziness);
    if (c.kind != SyntaxKind::word || c.occur != Occur::should || whole.kind == ClauseKind::term) return {std::move(whole)};
    std::vector<QueryClause> out;
    for (const auto& form : whole.forms) {
        for (const auto& term : form.terms) {
            auto it = std::find_if(out.begin(), out.end(), [&](const QueryClause& q) { return q.label == term; });
            if (it == out.end()) {
                out.push_back(QueryClause{ClauseKind::term, whole.occur, term, 0, 0, {}});
                it = out.end() - 1;
            }
            if (std::none_of(it->forms.begin(), it->forms.end(), [&](const FieldForm& f) { return f.field == form.field; }))
                it->forms.push_back(FieldForm{form.field, {term}, {}});
        }
    }
    return out;
}

bool is_plain_word(const SyntaxClause& c) { return c.kind == SyntaxKind::word && c.occur == Occur::should; }

// A run of bare words with synonyms: each field's tokens of the words in a row (a word the
// analyzer drops leaves a gap, as a stopword in a plain query does), then expanded; a multi-word
// entry can span words ("heart attack" is two clauses of the syntax). Quoted phrases, +/-
// words, prefixes and fuzzy words are not expanded.
std::vector<QueryClause> word_run_clauses(std::span<const SyntaxClause> words, std::span<const FieldAnalyzer> fields,
                                          Operator op) {
    std::vector<std::vector<analyzers::Token>> tokens(fields.size());
    for (std::size_t f = 0; f < fields.size(); ++f) {
        std::uint32_t base = 0;
        for (const auto& word : words) {
            auto analyzed = fields[f].analyzer->analyze(word.text);
            for (auto& t : analyzed) {
                t.position += base;
                tokens[f].push_back(std::move(t));
            }
            base = analyzed.empty() ? base + 1 : tokens[f].back().position + 1;
        }
    }
    return synonym_stream_clauses(tokens, fields, op == Operator::all ? Occur::must : Occur::should);
}

}  // namespace

std::size_t MinimumShouldMatch::resolve(std::size_t total) const {
    const auto n = static_cast<long long>(total);
    long long r;
    if (percent) {
        const long long part = n * std::abs(value) / 100;  // floor (Lucene truncates toward zero)
        r = value < 0 ? n - part : part;
    } else {
        r = value < 0 ? n + value : value;
    }
    return static_cast<std::size_t>(std::clamp(r, 0LL, n));
}

int Fuzziness::resolve(std::size_t code_points) const {
    if (!automatic) return edits;
    return code_points <= 2 ? 0 : code_points <= 5 ? 1 : 2;
}

std::vector<std::vector<QueryClause>> analyze_query(const SyntaxQuery& syntax, std::span<const FieldAnalyzer> fields,
                                                    Operator op, const Fuzziness& fuzziness) {
    std::vector<std::vector<QueryClause>> out;
    const bool synonyms = has_synonyms(fields);
    for (const auto& alternative : syntax.alternatives) {
        std::vector<QueryClause> group;
        const auto add = [&](QueryClause clause) {
            // A should term listed twice counts once, as in a plain query.
            const bool repeated = clause.kind == ClauseKind::term && clause.occur == Occur::should &&
                                  std::any_of(group.begin(), group.end(), [&](const QueryClause& g) {
                                      return g.kind == ClauseKind::term && g.occur == Occur::should && same_forms(g, clause);
                                  });
            if (!clause.forms.empty() && !repeated) group.push_back(std::move(clause));
        };
        for (std::size_t i = 0; i < alternative.size();) {
            if (synonyms && is_plain_word(alternative[i])) {
                std::size_t end = i;
                while (end < alternative.size() && is_plain_word(alternative[end])) ++end;
                for (auto& clause : word_run_clauses({alternative.begin() + static_cast<std::ptrdiff_t>(i),
                                                      alternative.begin() + static_cast<std::ptrdiff_t>(end)},
                                                     fields, op))
                    add(std::move(clause));
                i = end;
                continue;
            }
            for (auto& clause : analyze_clause(alternative[i], fields, op, fuzziness)) add(std::move(clause));
            ++i;
        }
        if (op == Operator::any) {
            if (out.empty()) out.emplace_back();
            for (auto& c : group)
                if (std::none_of(out.front().begin(), out.front().end(), [&](const QueryClause& g) {
                        return g.kind == ClauseKind::term && c.kind == ClauseKind::term && g.occur == Occur::should &&
                               c.occur == Occur::should && same_forms(g, c);
                    }))
                    out.front().push_back(std::move(c));
        } else if (!group.empty()) {
            out.push_back(std::move(group));
        }
    }
    if (!out.empty() && out.front().empty()) out.clear();
    return out;
}

std::vector<std::vector<QueryClause>> plain_clauses(const std::vector<FieldQuery>& fields, Operator op) {
    std::vector<QueryClause> group;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        for (const auto& term : fields[f].terms) {
            auto it = std::find_if(group.begin(), group.end(), [&](const QueryClause& c) { return c.label == term; });
            if (it == group.end()) {
                group.push_back(QueryClause{ClauseKind::term, op == Operator::all ? Occur::must : Occur::should, term, 0, 0, {}});
                it = group.end() - 1;
            }
            const bool listed = std::any_of(it->forms.begin(), it->forms.end(), [&](const FieldForm& form) { return form.field == f; });
            if (!listed) it->forms.push_back(FieldForm{f, {term}, {}});
        }
    }
    std::vector<std::vector<QueryClause>> out;
    if (!group.empty()) out.push_back(std::move(group));
    return out;
}

}  // namespace braid::lexical
