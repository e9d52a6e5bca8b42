#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

#include "lexical/lexical_index.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;

namespace {

// "t0".."t{v-1}", low ranks far more frequent, so lists span many blocks and some terms are rare.
std::string skewed_term(std::mt19937& rng, std::size_t vocabulary) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const auto rank = static_cast<std::size_t>(std::pow(u(rng), 3.0) * static_cast<double>(vocabulary));
    std::string term = "t";
    term += std::to_string(std::min(rank, vocabulary - 1));
    return term;
}

LexicalQuery random_query(std::mt19937& rng, const std::vector<std::string>& fields, std::size_t vocabulary,
                          std::string& desc) {
    LexicalQuery q;
    q.k = 1 + rng() % 60;
    q.op = rng() % 3 == 0 ? Operator::all : Operator::any;
    std::vector<std::string> terms;
    const std::size_t n = 1 + rng() % 6;
    for (std::size_t i = 0; i < n; ++i) terms.push_back(rng() % 15 == 0 ? "absent" : skewed_term(rng, vocabulary));
    if (rng() % 4 == 0) terms.push_back(terms.front());  // a repeated term counts once
    std::uniform_real_distribution<float> boost(0.0f, 3.0f);
    if (rng() % 2 == 0) q.fields.push_back({std::string(kCombinedField), boost(rng), terms});
    for (const auto& f : fields)
        if (q.fields.empty() || rng() % 2 == 0) q.fields.push_back({f, boost(rng), terms});
    std::ostringstream out;
    out << (q.op == Operator::all ? "AND" : "OR") << " k=" << q.k;
    for (const auto& fq : q.fields) {
        out << " [" << fq.field << "^" << fq.boost << ":";
        for (const auto& t : fq.terms) out << " " << t;
        out << "]";
    }
    desc = out.str();
    return q;
}

}  // namespace

TEST_CASE("explained term scores add up to exactly the score search gave each hit", "[lexical][explain]") {
    const std::vector<std::string> fields{"title", "body"};
    const float k1 = 1.1f, b = 0.6f;
    std::mt19937 rng(20261126);
    for (const std::size_t vocabulary : {12u, 150u}) {
        LexicalIndex index(fields, Bm25Params{k1, b});
        std::vector<DocOrdinal> live;
        for (DocOrdinal doc = 0; doc < 1500; ++doc) {
            std::vector<FieldTokens> input;
            for (std::size_t f = 0; f < fields.size(); ++f) {
                std::vector<std::string> terms(f == 0 ? rng() % 8 : rng() % 120);
                for (auto& t : terms) t = skewed_term(rng, vocabulary);
                input.push_back({fields[f], test::tokens(terms)});
            }
            index.add(doc, input);
            live.push_back(doc);
        }
        for (int i = 0; i < 200; ++i) index.remove(live[rng() % live.size()]);  // statistics of live docs only

        int hits_checked = 0;
        for (int n = 0; n < 150; ++n) {
            std::string desc;
            const LexicalQuery query = random_query(rng, fields, vocabulary, desc);
            INFO(desc);
            for (const ScoredDoc& hit : index.search(query)) {
                const auto terms = index.explain(query, hit.doc);
                REQUIRE_FALSE(terms.empty());
                float sum = 0;  // in the plan's term order, as the evaluators sum
                for (const auto& t : terms) {
                    sum += t.score;
                    // Each explanation is coherent with BM25 over the statistics it shows.
                    const double norm = k1 * (1.0 - b + b * t.field_length / static_cast<double>(t.avg_field_length));
                    const double bm25 = t.boost * t.idf * (t.tf / (t.tf + norm));
                    CHECK(t.score == Approx(bm25).epsilon(1e-5).margin(1e-6));
                    CHECK(t.tf >= 1);
                    CHECK(t.df >= 1);
                }
                INFO("doc " << hit.doc);
                REQUIRE(sum == hit.score);
                ++hits_checked;
            }
        }
        CHECK(hits_checked > 1000);
    }
}

TEST_CASE("explain names nothing for a document the query does not match or that is gone", "[lexical][explain]") {
    LexicalIndex index({"body"}, Bm25Params{});
    index.add(0, {{"body", test::words("apple banana")}});
    index.add(1, {{"body", test::words("cherry")}});
    const LexicalQuery query = test::query_of({{"body", 1.0f, {"apple", "cherry"}}});
    CHECK(index.explain(query, 0).size() == 1);
    CHECK(index.explain(query, 0).front().term == "apple");
    index.remove(1);
    CHECK(index.explain(query, 1).empty());
    CHECK(index.explain(test::query_of({{"body", 1.0f, {"banana"}}}), 1).empty());
}
