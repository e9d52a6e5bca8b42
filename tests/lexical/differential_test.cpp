#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

#include "lexical/lexical_index.hpp"
#include "tests/lexical/exhaustive_oracle.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;
using braid::lexical::test::ExhaustiveOracle;

namespace {

// Zipf-ish sampler over "t0" .. "t{v-1}" (rank r has weight 1 / (r + 1)^1.1).
class ZipfTerms {
public:
    ZipfTerms(std::size_t v) {
        std::vector<double> w(v);
        for (std::size_t r = 0; r < v; ++r) w[r] = 1.0 / std::pow(static_cast<double>(r + 1), 1.1);
        dist_ = std::discrete_distribution<std::size_t>(w.begin(), w.end());
    }
    std::string operator()(std::mt19937& rng) {
        std::string term = "t";
        term += std::to_string(dist_(rng));
        return term;
    }

private:
    std::discrete_distribution<std::size_t> dist_;
};

struct Scenario {
    std::vector<std::string> fields;
    std::size_t docs;
    std::size_t vocabulary;
    float k1, b;
    bool positions;
};

// Our hits must be the oracle's top-k: same scores to 1e-4 relative, and the same documents
// except where two oracle scores tie within that tolerance (float vs double rounding).
void check_against_oracle(const std::vector<ScoredDoc>& ours, const std::map<DocOrdinal, double>& all,
                          const std::vector<std::pair<DocOrdinal, double>>& expected, const std::string& context) {
    INFO(context);
    REQUIRE(ours.size() == expected.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        INFO("rank " << i << " ours doc " << ours[i].doc << " score " << ours[i].score << ", oracle doc "
                     << expected[i].first << " score " << expected[i].second);
        const double tol = 1e-4 * std::max(1.0, std::abs(expected[i].second));
        REQUIRE(std::abs(ours[i].score - expected[i].second) <= tol);
        if (ours[i].doc != expected[i].first) {
            auto it = all.find(ours[i].doc);
            REQUIRE(it != all.end());
            REQUIRE(std::abs(it->second - expected[i].second) <= tol);
        }
    }
}

LexicalQuery random_query(std::mt19937& rng, ZipfTerms& zipf, const std::vector<std::string>& fields, std::string& desc) {
    LexicalQuery q;
    std::uniform_int_distribution<int> nterms(1, 8);
    const std::size_t ks[] = {1, 10, 100};
    q.k = ks[rng() % 3];
    q.op = rng() % 3 == 0 ? Operator::all : Operator::any;
    auto draw_terms = [&] {
        std::vector<std::string> terms;
        const int n = nterms(rng);
        for (int i = 0; i < n; ++i) {
            if (rng() % 20 != 0) {
                terms.push_back(zipf(rng));
                continue;
            }
            std::string unknown = "unknown";
            unknown += std::to_string(i);
            terms.push_back(unknown);
        }
        return terms;
    };
    if (rng() % 2 == 0) {
        q.fields.push_back({std::string(kCombinedField), 1.0f, draw_terms()});
    } else {
        const auto terms = draw_terms();
        std::uniform_real_distribution<float> boost(0.25f, 3.0f);
        for (const auto& f : fields)
            if (rng() % 3 != 0) q.fields.push_back({f, boost(rng), terms});
        if (q.fields.empty() || rng() % 4 == 0) q.fields.push_back({std::string(kCombinedField), boost(rng), terms});
    }
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

TEST_CASE("Pruned top-k equals exhaustive BM25 on random corpora and queries", "[lexical][differential]") {
    const std::vector<Scenario> scenarios = {
        {{"title", "body"}, 300, 30, 0.9f, 0.4f, false},
        {{"title", "body"}, 3000, 400, 0.9f, 0.4f, true},
        {{"body"}, 5000, 50, 1.2f, 0.75f, false},
        {{"a", "b", "c"}, 1500, 2000, 0.9f, 0.4f, false},
        {{"body"}, 40, 10, 0.5f, 1.0f, false},
    };
    int seed = 0;
    for (const auto& sc : scenarios) {
        std::mt19937 rng(1234 + seed++);
        ZipfTerms zipf(sc.vocabulary);
        LexicalIndex index(sc.fields, Bm25Params{sc.k1, sc.b}, sc.positions);
        ExhaustiveOracle oracle(sc.fields, sc.k1, sc.b);
        std::vector<DocOrdinal> live;
        DocOrdinal next = 0;
        auto add_doc = [&] {
            std::map<std::string, std::vector<std::string>> doc;
            std::vector<FieldTokens> input;
            for (std::size_t f = 0; f < sc.fields.size(); ++f) {
                const std::size_t len = f == 0 && sc.fields.size() > 1 ? rng() % 9 : rng() % 80;
                std::vector<std::string> terms;
                for (std::size_t i = 0; i < len; ++i) terms.push_back(zipf(rng));
                doc[sc.fields[f]] = terms;
                input.push_back({sc.fields[f], test::tokens(terms)});
            }
            next += 1 + (rng() % 10 == 0 ? rng() % 5 : 0);  // ordinals may have gaps
            index.add(next, input);
            oracle.add(next, doc);
            live.push_back(next);
        };
        auto run_queries = [&](int count, const LexicalIndex& idx) {
            for (int i = 0; i < count; ++i) {
                std::string desc;
                LexicalQuery q = random_query(rng, zipf, sc.fields, desc);
                Bitset allowed;
                if (rng() % 3 == 0) {
                    allowed = Bitset(next + 1);
                    const unsigned density = rng() % 2 == 0 ? 2 : 20;
                    for (DocOrdinal d = 0; d <= next; ++d)
                        if (rng() % density == 0) allowed.set(d);
                    q.allowed = &allowed;
                    desc += " (filtered)";
                }
                q.or_evaluation = OrEvaluation::pruned;
                const auto ours = idx.search(q);
                const auto all = oracle.score_all(q);
                check_against_oracle(ours, all, oracle.top_k(all, q.k), desc);
                // Term at a time ranks bit-identically, and the automatic choice is one of the two.
                q.or_evaluation = OrEvaluation::accumulated;
                INFO(desc << " (accumulated)");
                REQUIRE(idx.search(q) == ours);
                q.or_evaluation = OrEvaluation::automatic;
                REQUIRE(idx.search(q) == ours);
                q.or_evaluation = OrEvaluation::pruned;
                // Exactness against our own unpruned evaluation (k = every document): bit-identical.
                LexicalQuery unbounded = q;
                unbounded.k = next + 1;
                auto full = idx.search(unbounded);
                if (full.size() > q.k) full.resize(q.k);
                INFO(desc);
                REQUIRE(full == ours);
            }
        };
        for (std::size_t i = 0; i < sc.docs; ++i) {
            add_doc();
            const auto r = rng() % 100;
            if (r < 8 && !live.empty()) {  // delete
                const std::size_t at = rng() % live.size();
                index.remove(live[at]);
                oracle.remove(live[at]);
                live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
            } else if (r < 16 && !live.empty()) {  // replace: the old version goes, a new one comes
                const std::size_t at = rng() % live.size();
                index.remove(live[at]);
                oracle.remove(live[at]);
                live.erase(live.begin() + static_cast<std::ptrdiff_t>(at));
                add_doc();
            }
            if (i % (sc.docs / 4 + 1) == 0) run_queries(10, index);
        }
        REQUIRE(index.stats().documents == oracle.live_documents());
        run_queries(150, index);
    }
}
