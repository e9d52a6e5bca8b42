// LexicalIndex::matches (the count-only traversal behind "total" and facets) against the
// exhaustive oracle's match set and against search() with an unbounded k, on random corpora with
// deletions, replacements, ordinal gaps and filters. Tree queries: tree_differential_test.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

#include "core/error.hpp"
#include "lexical/lexical_index.hpp"
#include "tests/lexical/exhaustive_oracle.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;
using braid::lexical::test::ExhaustiveOracle;

namespace {

// "t0" .. "t{v-1}", rank r drawn with weight 1 / (r + 1): frequent terms span many blocks.
std::string zipf_term(std::mt19937& rng, std::discrete_distribution<std::size_t>& rank) {
    std::string term = "t";
    term += std::to_string(rank(rng));
    return term;
}

std::vector<std::string> random_terms(std::mt19937& rng, std::discrete_distribution<std::size_t>& rank) {
    std::vector<std::string> terms;
    const std::size_t n = 1 + rng() % 6;
    for (std::size_t i = 0; i < n; ++i) terms.push_back(rng() % 15 == 0 ? "absent" : zipf_term(rng, rank));
    return terms;
}

void require_same_set(const Bitset& ours, const std::vector<DocOrdinal>& expected, const std::string& context) {
    INFO(context);
    REQUIRE(ours.count() == expected.size());
    for (const DocOrdinal d : expected) REQUIRE(ours.test(d));
}

}  // namespace

TEST_CASE("matches() is the exhaustive match set of plain queries", "[lexical][differential][match_set]") {
    const std::vector<std::string> fields{"title", "body"};
    std::size_t nonempty = 0, large = 0;
    for (std::uint32_t seed = 1; seed <= 4; ++seed) {
        std::mt19937 rng(seed);
        std::vector<double> weights(60 + 100 * seed);
        for (std::size_t r = 0; r < weights.size(); ++r) weights[r] = 1.0 / static_cast<double>(r + 1);
        std::discrete_distribution<std::size_t> rank(weights.begin(), weights.end());
        LexicalIndex index(fields, Bm25Params{}, seed % 2 == 0);
        ExhaustiveOracle oracle(fields, 0.9, 0.4);
        std::vector<DocOrdinal> live;
        DocOrdinal next = 0;
        for (std::size_t i = 0; i < 1500; ++i) {
            std::map<std::string, std::vector<std::string>> doc;
            std::vector<FieldTokens> input;
            for (const auto& field : fields) {
                std::vector<std::string> terms(rng() % (field == "title" ? 6 : 40));
                for (auto& t : terms) t = zipf_term(rng, rank);
                input.push_back({field, test::tokens(terms)});
                doc[field] = std::move(terms);
            }
            next += 1 + (rng() % 10 == 0 ? static_cast<DocOrdinal>(rng() % 5) : 0);
            index.add(next, input);
            oracle.add(next, doc);
            live.push_back(next);
            if (rng() % 10 == 0) {  // a deletion (or the old half of a replacement)
                const std::size_t at = rng() % live.size();
                index.remove(live[at]);
                oracle.remove(live[at]);
                live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
            }
        }
        for (int round = 0; round < 80; ++round) {
            LexicalQuery q;
            q.op = rng() % 3 == 0 ? Operator::all : Operator::any;
            const auto terms = random_terms(rng, rank);
            if (rng() % 2 == 0) q.fields = {{std::string(kCombinedField), 1.0f, terms}};
            else q.fields = {{"title", 2.0f, terms}, {"body", 1.0f, rng() % 2 == 0 ? terms : random_terms(rng, rank)}};
            Bitset allowed(next + 1);
            for (DocOrdinal d = 0; d <= next; ++d)
                if (rng() % 3 != 0) allowed.set(d);
            if (rng() % 3 == 0) q.allowed = &allowed;
            q.k = 3;  // ignored by matches()
            std::ostringstream context;
            context << "seed " << seed << " round " << round << (q.op == Operator::all ? " AND" : " OR")
                    << (q.allowed ? " filtered" : "") << " fields " << q.fields.size() << " terms";
            for (const auto& t : terms) context << " " << t;

            const Bitset ours = index.matches(q);
            std::vector<DocOrdinal> expected;
            for (const auto& [doc, score] : oracle.score_all(q)) expected.push_back(doc);
            require_same_set(ours, expected, context.str() + " (oracle)");
            LexicalQuery unbounded = q;
            unbounded.k = next + 1;
            std::vector<DocOrdinal> searched;
            for (const auto& hit : index.search(unbounded)) searched.push_back(hit.doc);
            require_same_set(ours, searched, context.str() + " (unbounded search)");
            nonempty += !expected.empty();
            large += expected.size() > 256 /* two posting blocks */;
        }
    }
    CHECK(nonempty > 200);  // most queries match something, many across several posting blocks
    CHECK(large > 50);
}

TEST_CASE("matches() of a query with no known term, or an unknown field", "[lexical][match_set]") {
    LexicalIndex index({"body"}, Bm25Params{});
    index.add(0, {{"body", test::words("a b c")}});
    index.add(1, {{"body", test::words("b c d")}});
    CHECK(index.matches(test::query_of({{"body", 1.0f, {"zzz"}}})).count() == 0);
    CHECK(index.matches(test::query_of({{"body", 1.0f, {"a", "zzz"}}}, Operator::all)).count() == 0);
    CHECK(index.matches(test::query_of({{"body", 1.0f, {"a", "zzz"}}})).count() == 1);
    index.remove(1);
    CHECK(index.matches(test::query_of({{"body", 1.0f, {"b"}}})).count() == 1);
    CHECK_THROWS_AS(index.matches(test::query_of({{"nope", 1.0f, {"a"}}})), Error);
}
