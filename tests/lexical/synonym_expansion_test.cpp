// Synonym expansion of queries (plain and simple syntax) against an oracle that expands the
// query's words by the rules itself and matches each stretch's alternatives as contiguous
// phrases in every document: the hits are the union (or, or) / intersection (and) it computes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "analyzers/analyzer.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/query_syntax.hpp"
#include "lexical/tree_query.hpp"

using namespace braid;
using namespace braid::lexical;
using Words = std::vector<std::string>;

namespace {

struct Rule {
    std::vector<Words> inputs, outputs;
};

std::string joined(const Words& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// The query's stretches: each a set of word sequences, one of which a document must hold.
std::vector<std::set<Words>> oracle_units(const Words& query, const std::vector<Rule>& rules) {
    std::vector<std::set<Words>> units;
    for (std::size_t at = 0; at < query.size();) {
        std::size_t longest = 0;
        for (const auto& rule : rules)
            for (const auto& input : rule.inputs)
                if (at + input.size() <= query.size() && std::equal(input.begin(), input.end(), query.begin() + static_cast<long>(at)))
                    longest = std::max(longest, input.size());
        if (longest == 0) {
            units.push_back({Words{query[at]}});
            ++at;
            continue;
        }
        const Words matched(query.begin() + static_cast<long>(at), query.begin() + static_cast<long>(at + longest));
        std::set<Words> alternatives;
        for (const auto& rule : rules)
            if (std::find(rule.inputs.begin(), rule.inputs.end(), matched) != rule.inputs.end())
                alternatives.insert(rule.outputs.begin(), rule.outputs.end());
        units.push_back(alternatives);
        at += longest;
    }
    return units;
}

bool holds(const Words& doc, const Words& phrase) {
    return std::search(doc.begin(), doc.end(), phrase.begin(), phrase.end()) != doc.end();
}

std::set<DocOrdinal> oracle_hits(const std::vector<Words>& docs, const std::vector<std::set<Words>>& units, Operator op) {
    std::set<DocOrdinal> out;
    for (DocOrdinal d = 0; d < docs.size(); ++d) {
        std::size_t matched = 0;
        for (const auto& unit : units)
            matched += std::any_of(unit.begin(), unit.end(), [&](const Words& p) { return holds(docs[d], p); }) ? 1 : 0;
        if (!units.empty() && (op == Operator::all ? matched == units.size() : matched > 0)) out.insert(d);
    }
    return out;
}

std::set<DocOrdinal> ours(const LexicalIndex& index, std::vector<std::vector<QueryClause>> alternatives) {
    TreeQuery q;
    q.fields = {{"body", 1.0f}};
    q.alternatives = std::move(alternatives);
    q.k = 100000;
    std::set<DocOrdinal> out;
    for (const auto& hit : index.search(q)) out.insert(hit.doc);
    return out;
}

}  // namespace

TEST_CASE("synonym-expanded queries match the union the oracle computes on random corpora", "[lexical][synonyms][differential]") {
    std::size_t expanded_rounds = 0, nonempty = 0, multiword_alternative_hits = 0;
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
        std::mt19937 rng(seed);
        Words vocabulary;
        for (int i = 0; i < 8; ++i) vocabulary.push_back("w" + std::to_string(i));
        auto pick = [&] { return vocabulary[rng() % vocabulary.size()]; };
        auto entry = [&] {
            Words e{pick()};
            if (rng() % 2 == 0) e.push_back(pick());
            if (rng() % 6 == 0) e.push_back(pick());
            return e;
        };
        // Random rules: equivalence sets and explicit a => b rules.
        std::vector<Rule> rules;
        analyzers::AnalyzerSpec spec;
        spec.tokenizer = "whitespace";
        analyzers::FilterSpec synonyms;
        synonyms.kind = "synonyms";
        const std::size_t rule_count = 2 + rng() % 4;
        for (std::size_t r = 0; r < rule_count; ++r) {
            Rule rule;
            const bool equivalence = rng() % 2 == 0;
            const std::size_t inputs = 1 + rng() % 2 + (equivalence ? 1 : 0), outputs = 1 + rng() % 2;
            for (std::size_t i = 0; i < inputs; ++i) rule.inputs.push_back(entry());
            if (equivalence) rule.outputs = rule.inputs;
            else
                for (std::size_t i = 0; i < outputs; ++i) rule.outputs.push_back(entry());
            analyzers::SynonymRule spec_rule;
            for (const auto& e : rule.inputs) spec_rule.inputs.push_back(joined(e));
            for (const auto& e : rule.outputs) spec_rule.outputs.push_back(joined(e));
            spec_rule.origin = "rule " + std::to_string(r);
            synonyms.synonyms.push_back(spec_rule);
            rules.push_back(std::move(rule));
        }
        spec.filters.push_back(synonyms);
        const auto analyzer = analyzers::Analyzer::build("syn", spec);
        REQUIRE(analyzer->synonyms() != nullptr);

        LexicalIndex index({"body"}, Bm25Params{1.2f, 0.75f}, true);
        std::vector<Words> docs;
        const std::size_t doc_count = 80 + rng() % 40;
        for (DocOrdinal d = 0; d < doc_count; ++d) {
            Words doc;
            const std::size_t length = rng() % 12;
            for (std::size_t i = 0; i < length; ++i) doc.push_back(pick());
            index.add(d, {{"body", analyzer->analyze(joined(doc))}});  // indexing ignores synonyms
            docs.push_back(std::move(doc));
        }
        const std::vector<FieldAnalyzer> fields{FieldAnalyzer{{"body", 1.0f}, analyzer.get()}};
        for (int round = 0; round < 40; ++round) {
            Words query;
            const std::size_t length = 1 + rng() % 4;
            for (std::size_t i = 0; i < length; ++i) query.push_back(pick());
            const auto units = oracle_units(query, rules);
            const Operator op = rng() % 2 == 0 ? Operator::any : Operator::all;
            const auto expected = oracle_hits(docs, units, op);
            const std::string context = "seed " + std::to_string(seed) + " query \"" + joined(query) + "\" op " +
                                        (op == Operator::all ? "and" : "or");
            INFO(context);
            const auto plain = plain_synonym_clauses(joined(query), fields, op);
            CHECK(ours(index, plain) == expected);
            // The simple syntax's bare words expand the same way, across words.
            const auto simple = analyze_query(parse_simple_query(joined(query)), fields, op, Fuzziness{});
            CHECK(ours(index, simple) == expected);

            const bool expanded = std::any_of(units.begin(), units.end(), [](const auto& u) { return u.size() > 1 || u.begin()->size() > 1; });
            expanded_rounds += expanded;
            nonempty += !expected.empty();
            for (const auto& unit : units)
                for (const auto& alternative : unit)
                    if (alternative.size() > 1)
                        for (const auto& doc : docs) multiword_alternative_hits += holds(doc, alternative);
        }
    }
    // The random rules and queries reach the interesting cases.
    CHECK(expanded_rounds > 100);
    CHECK(nonempty > 200);
    CHECK(multiword_alternative_hits > 100);
}

TEST_CASE("synonym clauses score as the sum of the alternatives a document holds", "[lexical][synonyms]") {
    analyzers::AnalyzerSpec spec;
    spec.tokenizer = "whitespace";
    analyzers::FilterSpec synonyms;
    synonyms.kind = "synonyms";
    synonyms.synonyms.push_back({{"heart attack", "mi"}, {"heart attack", "mi"}, "sets[0]", "sets[0]"});
    spec.filters.push_back(synonyms);
    const auto analyzer = analyzers::Analyzer::build("syn", spec);
    LexicalIndex index({"body"}, Bm25Params{1.2f, 0.75f}, true);
    index.add(0, {{"body", analyzer->analyze("heart attack x")}});
    index.add(1, {{"body", analyzer->analyze("mi y z")}});
    index.add(2, {{"body", analyzer->analyze("heart attack mi")}});
    index.add(3, {{"body", analyzer->analyze("attack heart y")}});
    const std::vector<FieldAnalyzer> fields{FieldAnalyzer{{"body", 1.0f}, analyzer.get()}};
    TreeQuery q;
    q.fields = {{"body", 1.0f}};
    q.alternatives = plain_synonym_clauses("mi", fields, Operator::any);
    REQUIRE(q.alternatives.size() == 1);
    REQUIRE(q.alternatives[0].size() == 1);
    CHECK(q.alternatives[0][0].kind == ClauseKind::synonyms);
    CHECK(q.alternatives[0][0].label == "(\"heart attack\" | mi)");
    q.k = 10;
    const auto hits = index.search(q);
    REQUIRE(hits.size() == 3);  // not doc 3: "attack heart" is not the phrase
    CHECK(hits[0].doc == 2);
    // Doc 2's score is its phrase part plus its term part, as explain lists them.
    const auto entries = index.explain(q, 2);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].clause == "(\"heart attack\" | mi)");
    CHECK(entries[0].score + entries[1].score == Approx(hits[0].score).epsilon(1e-5));
}
