// Tree queries (phrases with slop, prefix and fuzzy expansion, +/-, alternatives,
// minimum_should_match) against TreeOracle's exhaustive recomputation over random corpora.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "lexical/lexical_index.hpp"
#include "lexical/phrase_frequency.hpp"
#include "tests/lexical/lexical_test_support.hpp"
#include "tests/lexical/tree_oracle.hpp"

using namespace braid;
using namespace braid::lexical;
using braid::lexical::test::TreeOracle;

namespace {

// Short words over a small alphabet (one letter two bytes long), so that prefixes, edits and
// repeated phrase terms are common.
std::string random_word(std::mt19937& rng) {
    static const char* letters[] = {"a", "b", "c", "\xC3\xA9"};  // é
    std::uniform_int_distribution<int> length(1, 4), letter(0, 3);
    std::string w;
    const int n = length(rng);
    for (int i = 0; i < n; ++i) w += letters[letter(rng)];
    return w;
}

std::vector<std::string> random_text(std::mt19937& rng, const std::vector<std::string>& vocabulary, int max_len) {
    std::uniform_int_distribution<int> len(0, max_len);
    std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1);
    std::vector<std::string> out(static_cast<std::size_t>(len(rng)));
    for (auto& t : out) t = vocabulary[pick(rng)];
    return out;
}

QueryClause random_clause(std::mt19937& rng, const std::vector<std::string>& vocabulary, std::size_t field_count) {
    std::uniform_int_distribution<int> kind(0, 3), occur(0, 5), slop(0, 3), edits(0, 2), phrase_len(2, 3);
    std::uniform_int_distribution<std::size_t> pick(0, vocabulary.size() - 1);
    QueryClause c;
    c.kind = static_cast<ClauseKind>(kind(rng));
    const int o = occur(rng);
    c.occur = o <= 3 ? Occur::should : o == 4 ? Occur::must : Occur::must_not;
    c.slop = static_cast<std::uint32_t>(slop(rng));
    c.edits = edits(rng);
    static const char* names[] = {"term", "phrase", "prefix", "fuzzy"};
    c.label = names[static_cast<int>(c.kind)];
    for (std::size_t f = 0; f < field_count; ++f) {
        if (field_count > 1 && rng() % 4 == 0) continue;  // some fields lack the clause
        FieldForm form;
        form.field = f;
        if (c.kind == ClauseKind::phrase) {
            const int n = phrase_len(rng);
            std::uint32_t pos = 0;
            for (int i = 0; i < n; ++i) {
                form.terms.push_back(rng() % 5 == 0 && i > 0 ? form.terms.back() : vocabulary[pick(rng)]);
                form.positions.push_back(pos);
                pos += rng() % 4 == 0 ? 2 : 1;  // a stopword gap now and then
            }
        } else if (c.kind == ClauseKind::prefix) {
            std::string w = vocabulary[pick(rng)];
            form.terms.push_back(w.substr(0, std::min<std::size_t>(w.size(), 1 + rng() % 2)));
        } else {
            form.terms.push_back(rng() % 8 == 0 ? random_word(rng) + "c" : vocabulary[pick(rng)]);
        }
        form.field = f;
        c.forms.push_back(std::move(form));
    }
    if (c.forms.empty()) {
        c.forms.push_back(FieldForm{0, {vocabulary[pick(rng)]}, {}});
        c.kind = ClauseKind::term;
        c.label = "term";
    }
    return c;
}

void check_same(const std::vector<ScoredDoc>& ours, const std::map<DocOrdinal, double>& expected, const std::string& context) {
    INFO(context);
    REQUIRE(ours.size() == expected.size());
    for (const auto& hit : ours) {
        INFO("doc " << hit.doc << " score " << hit.score);
        auto it = expected.find(hit.doc);
        REQUIRE(it != expected.end());
        REQUIRE(std::abs(hit.score - it->second) <= 1e-4 * std::max(1.0, std::abs(it->second)));
    }
    for (std::size_t i = 1; i < ours.size(); ++i) REQUIRE(ours[i - 1].score >= ours[i].score);
}

std::string describe(const TreeQuery& q) {
    std::ostringstream out;
    for (const auto& group : q.alternatives) {
        out << "[";
        for (const auto& c : group) {
            out << " kind" << static_cast<int>(c.kind) << " occur" << static_cast<int>(c.occur) << " slop" << c.slop << " edits"
                << c.edits << " {";
            for (const auto& f : c.forms) {
                out << " f" << f.field << ":";
                for (std::size_t i = 0; i < f.terms.size(); ++i) out << f.terms[i] << "@" << (f.positions.empty() ? 0 : f.positions[i]) << ",";
            }
            out << " }";
        }
        out << " ]";
    }
    if (q.minimum_should_match) out << " msm " << q.minimum_should_match->value << (q.minimum_should_match->percent ? "%" : "");
    out << " max_expansions " << q.max_expansions << " prefix_length " << q.prefix_length;
    return out.str();
}

}  // namespace

TEST_CASE("tree queries equal the exhaustive oracle on random corpora", "[lexical][tree][differential]") {
    const std::vector<std::string> fields{"title", "body"};
    std::size_t nonempty = 0, sloppy_phrase_hits = 0, expansion_hits = 0, msm_rounds = 0;
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        std::mt19937 rng(seed);
        std::vector<std::string> vocabulary;
        for (int i = 0; i < 14; ++i) vocabulary.push_back(random_word(rng));
        LexicalIndex index(fields, Bm25Params{1.2f, 0.75f}, true);
        TreeOracle oracle(fields, 1.2, 0.75);
        const std::size_t docs = 60 + rng() % 60;
        for (DocOrdinal d = 0; d < docs; ++d) {
            TreeOracle::Doc doc{{"title", random_text(rng, vocabulary, 4)}, {"body", random_text(rng, vocabulary, 14)}};
            index.add(d, {{"title", test::tokens(doc["title"])}, {"body", test::tokens(doc["body"])}});
            oracle.add(d, doc);
        }
        for (DocOrdinal d = 0; d < docs; d += 7) {  // deletions leave statistics as if never added
            index.remove(d);
            oracle.remove(d);
        }
        Bitset allowed(docs);
        for (DocOrdinal d = 0; d < docs; ++d)
            if (d % 3 != 1) allowed.set(d);
        for (int round = 0; round < 60; ++round) {
            TreeQuery q;
            const bool combined = rng() % 3 == 0;
            if (combined) q.fields = {{std::string(kCombinedField), 1.0f}};
            else q.fields = {{"title", 2.0f}, {"body", 1.0f}};
            const std::size_t groups = rng() % 4 == 0 ? 2 : 1;
            for (std::size_t g = 0; g < groups; ++g) {
                q.alternatives.emplace_back();
                const std::size_t n = 1 + rng() % 4;
                for (std::size_t i = 0; i < n; ++i) q.alternatives.back().push_back(random_clause(rng, vocabulary, q.fields.size()));
            }
            if (rng() % 2 == 0) {
                const int kind = static_cast<int>(rng() % 4);
                MinimumShouldMatch msm;
                msm.percent = kind >= 2;
                msm.value = msm.percent ? static_cast<int>(rng() % 201) - 100 : static_cast<int>(rng() % 7) - 3;
                q.minimum_should_match = msm;
            }
            q.max_expansions = 1 + rng() % 6;
            q.prefix_length = rng() % 2;
            q.k = 1000;
            if (rng() % 4 == 0) q.allowed = &allowed;
            const std::string context = "seed " + std::to_string(seed) + " round " + std::to_string(round) + ": " + describe(q);
            const auto expected = oracle.score_all(q);
            const auto ours = index.search(q);
            check_same(ours, expected, context);
            // The count-only traversal (totals, facets) finds the same documents.
            const Bitset matched = index.matches(q);
            REQUIRE(matched.count() == expected.size());
            for (const auto& [doc, score] : expected) REQUIRE(matched.test(doc));
            nonempty += !ours.empty();
            msm_rounds += q.minimum_should_match && !ours.empty();
            if (!ours.empty()) {
                for (const auto& e : index.explain(q, ours[0].doc)) {
                    sloppy_phrase_hits += e.phrase_freq && *e.phrase_freq != std::floor(*e.phrase_freq);
                    expansion_hits += e.clause == "prefix" || e.clause == "fuzzy";
                }
            }
            // A small k returns the best of them, and explain's entries sum to each hit's score.
            q.k = 3;
            const auto top = index.search(q);
            REQUIRE(top.size() == std::min<std::size_t>(3, ours.size()));
            for (std::size_t i = 0; i < top.size(); ++i) {
                INFO(context);
                CHECK(top[i].score == ours[i].score);
                const auto entries = index.explain(q, top[i].doc);
                double sum = 0;
                for (const auto& e : entries) sum += e.score;
                CHECK(std::abs(sum - top[i].score) <= 1e-4 * std::max(1.0, static_cast<double>(top[i].score)));
            }
        }
    }
    // The random queries reach every path: most match something, some through sloppy phrases or
    // expanded terms, some under minimum_should_match.
    CHECK(nonempty > 400);
    CHECK(sloppy_phrase_hits > 5);
    CHECK(expansion_hits > 50);
    CHECK(msm_rounds > 100);
    INFO("nonempty " << nonempty << " sloppy " << sloppy_phrase_hits << " msm " << msm_rounds);
}

TEST_CASE("phrase frequency equals the brute-force enumeration of matches", "[lexical][phrase][differential]") {
    std::mt19937 rng(7);
    const std::vector<std::string> vocabulary{"a", "b", "c"};
    for (int round = 0; round < 3000; ++round) {
        const auto text = random_text(rng, vocabulary, 10);
        std::vector<std::pair<std::string, std::uint32_t>> doc;
        for (std::size_t i = 0; i < text.size(); ++i) doc.emplace_back(text[i], static_cast<std::uint32_t>(i));
        std::vector<std::string> terms;
        std::vector<std::uint32_t> relative;
        const int n = 2 + static_cast<int>(rng() % 3);
        std::uint32_t pos = 0;
        for (int i = 0; i < n; ++i) {
            terms.push_back(vocabulary[rng() % 3]);
            relative.push_back(pos);
            pos += 1 + (rng() % 5 == 0 ? 1 : 0);
        }
        const auto slop = static_cast<std::uint32_t>(rng() % 5);
        std::vector<std::vector<std::uint32_t>> positions(terms.size());
        std::vector<PhraseSlot> slots(terms.size());
        for (std::size_t i = 0; i < terms.size(); ++i) {
            for (const auto& [t, p] : doc)
                if (t == terms[i]) positions[i].push_back(p);
            slots[i].positions = &positions[i];
            slots[i].relative = relative[i];
            slots[i].same_term = i;
            for (std::size_t j = 0; j < i; ++j)
                if (terms[j] == terms[i]) {
                    slots[i].same_term = j;
                    break;
                }
        }
        const double expected = test::brute_phrase_frequency(doc, terms, relative, slop);
        INFO("round " << round << " slop " << slop);
        REQUIRE(phrase_frequency(slots, slop) == Approx(expected).margin(1e-6));
    }
}

TEST_CASE("phrase frequency by hand", "[lexical][phrase]") {
    auto freq = [](std::vector<std::vector<std::uint32_t>> positions, std::vector<std::uint32_t> relative, std::uint32_t slop) {
        std::vector<PhraseSlot> slots(positions.size());
        for (std::size_t i = 0; i < slots.size(); ++i) slots[i] = PhraseSlot{&positions[i], relative[i], i};
        return phrase_frequency(slots, slop);
    };
    CHECK(freq({{0, 5}, {1, 9}}, {0, 1}, 0) == 1.0f);          // "a b" in "a b . . . a . . . b"
    CHECK(freq({{0}, {2}}, {0, 1}, 0) == 0.0f);                // "a x b": not exact
    CHECK(freq({{0}, {2}}, {0, 1}, 1) == 0.5f);                // ...but within slop 1: 1 / (1 + 1)
    CHECK(freq({{1}, {0}}, {0, 1}, 1) == 0.0f);                // "b a" needs 2 moves
    CHECK(freq({{1}, {0}}, {0, 1}, 2) == Approx(1.0 / 3));     // reversed within slop 2
}
