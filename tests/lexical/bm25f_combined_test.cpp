// The combined field ("*") is scored as BM25F over the per-field postings. Oracle: a second
// index whose one text field holds what the stored combined field held (every field's tokens in
// schema order, each field starting 1 + 100 positions past the previous one's last token), so
// its single-field BM25 is the old combined-field ranking. Both must agree on ids, order and
// scores (to 1e-6), for plain and tree queries, statistics and positions, through deletes,
// updates, a remap and a save/load.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>
#include <sstream>

#include "core/ordinal_remap.hpp"
#include "lexical/lexical_index.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;

namespace {

const std::string kAll = "all";

struct Corpus {
    std::vector<std::string> fields;
    LexicalIndex bm25f;
    LexicalIndex oracle;
};

std::string word(std::mt19937& rng, std::size_t vocabulary) {
    // Skewed: low ranks common; "ab"-style prefixes shared for prefix and fuzzy clauses.
    std::uniform_real_distribution<double> u(0, 1);
    const auto r = static_cast<std::size_t>(std::pow(u(rng), 2.0) * static_cast<double>(vocabulary));
    static const char* stems[] = {"ab", "abc", "ba", "cab", "ca"};
    return std::string(stems[r % 5]).append(std::to_string(r / 5));
}

// Tokens with stopword gaps and now and then a second token at the same position (a synonym).
std::vector<analyzers::Token> random_tokens(std::mt19937& rng, std::size_t vocabulary, int max_len) {
    std::vector<analyzers::Token> out;
    const int n = static_cast<int>(rng() % static_cast<unsigned>(max_len + 1));
    std::uint32_t pos = rng() % 3 == 0 ? 1 : 0;
    for (int i = 0; i < n; ++i) {
        out.push_back({word(rng, vocabulary), pos, 0, 0});
        if (rng() % 10 == 0) out.push_back({word(rng, vocabulary), pos, 0, 0});
        pos += rng() % 5 == 0 ? 2 : 1;
    }
    return out;
}

// The stored combined field's tokens: the fields in schema order, each starting past the
// previous non-empty field's last position + 1 + 100.
std::vector<analyzers::Token> combined_tokens(const std::vector<std::vector<analyzers::Token>>& per_field) {
    std::vector<analyzers::Token> out;
    std::uint32_t offset = 0;
    for (const auto& tokens : per_field) {
        if (tokens.empty()) continue;
        std::uint32_t last = 0;
        for (const auto& t : tokens) {
            out.push_back({t.text, t.position + offset, 0, 0});
            last = std::max(last, t.position);
        }
        offset += last + 1 + 100;
    }
    return out;
}

void add_doc(Corpus& c, DocOrdinal d, std::mt19937& rng, std::size_t vocabulary) {
    std::vector<std::vector<analyzers::Token>> per_field;
    std::vector<FieldTokens> input;
    for (std::size_t f = 0; f < c.fields.size(); ++f) {
        per_field.push_back(rng() % 6 == 0 ? std::vector<analyzers::Token>{} : random_tokens(rng, vocabulary, f == 0 ? 5 : 16));
        input.push_back({c.fields[f], per_field.back()});
    }
    c.bm25f.add(d, input);
    c.oracle.add(d, {{kAll, combined_tokens(per_field)}});
}

void check_same(const std::vector<ScoredDoc>& ours, const std::vector<ScoredDoc>& expected, const std::string& context) {
    INFO(context);
    REQUIRE(ours.size() == expected.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        INFO("rank " << i << " ours " << ours[i].doc << " " << ours[i].score << " oracle " << expected[i].doc << " "
                     << expected[i].score);
        REQUIRE(ours[i].doc == expected[i].doc);
        REQUIRE(std::abs(ours[i].score - expected[i].score) <= 1e-6 * std::max(1.0f, std::abs(expected[i].score)));
    }
}

LexicalQuery plain_query(std::mt19937& rng, std::size_t vocabulary, const std::string& field, const Bitset* allowed) {
    std::vector<std::string> terms;
    const std::size_t n = 1 + rng() % 6;
    for (std::size_t i = 0; i < n; ++i) terms.push_back(rng() % 15 == 0 ? "missing" : word(rng, vocabulary));
    const std::size_t ks[] = {1, 5, 10, 1000};
    LexicalQuery q = test::query_of({{field, rng() % 3 == 0 ? 1.7f : 1.0f, terms}}, rng() % 3 == 0 ? Operator::all : Operator::any,
                                    ks[rng() % 4]);
    if (rng() % 4 == 0) q.allowed = allowed;
    return q;
}

TreeQuery tree_query(std::mt19937& rng, std::size_t vocabulary, const std::string& field) {
    TreeQuery q;
    q.fields = {{field, 1.0f}};
    q.alternatives.emplace_back();
    const std::size_t n = 1 + rng() % 3;
    for (std::size_t i = 0; i < n; ++i) {
        QueryClause c;
        c.kind = static_cast<ClauseKind>(rng() % 4);
        c.occur = rng() % 5 == 0 ? Occur::must : Occur::should;
        c.label = std::string("c").append(std::to_string(i));
        // Slops near the field gap reach phrases that span two fields.
        const std::uint32_t slops[] = {0, 1, 3, 97, 98, 99, 100};
        c.slop = slops[rng() % 7];
        c.edits = 1 + static_cast<int>(rng() % 2);
        FieldForm form;
        if (c.kind == ClauseKind::phrase) {
            const std::size_t len = 2 + rng() % 2;
            std::uint32_t pos = 0;
            for (std::size_t t = 0; t < len; ++t) {
                form.terms.push_back(word(rng, vocabulary / 3));
                form.positions.push_back(pos);
                pos += rng() % 4 == 0 ? 2 : 1;
            }
        } else if (c.kind == ClauseKind::prefix) {
            form.terms.push_back(word(rng, vocabulary).substr(0, 2 + rng() % 2));
        } else {
            form.terms.push_back(word(rng, vocabulary));
        }
        c.forms.push_back(std::move(form));
        q.alternatives.back().push_back(std::move(c));
    }
    if (rng() % 3 == 0) q.minimum_should_match = MinimumShouldMatch{static_cast<int>(rng() % 3), false};
    q.max_expansions = 1 + rng() % 8;
    q.k = rng() % 2 == 0 ? 10 : 1000;
    return q;
}

std::string describe(const TreeQuery& q) {
    std::ostringstream out;
    for (const auto& c : q.alternatives.front()) {
        out << " kind" << static_cast<int>(c.kind) << " slop" << c.slop << " {";
        for (const auto& t : c.forms.front().terms) out << t << ",";
        out << "}";
    }
    return out.str();
}

// Every comparison between the BM25F index's "*" and the oracle's single field.
void compare(Corpus& c, std::mt19937& rng, std::size_t vocabulary, DocOrdinal end, const std::string& stage) {
    Bitset allowed(end);
    for (DocOrdinal d = 0; d < end; d += 2) allowed.set(d);
    for (int round = 0; round < 40; ++round) {
        LexicalQuery q = plain_query(rng, vocabulary, std::string(kCombinedField), &allowed);
        LexicalQuery o = q;
        o.fields[0].field = kAll;
        const std::string context = stage + " plain round " + std::to_string(round);
        const auto ours = c.bm25f.search(q);
        check_same(ours, c.oracle.search(o), context);
        // Statistics (what a sharded search sums) are the combined field's.
        const auto s = c.bm25f.statistics(q).fields.at(std::string(kCombinedField));
        const auto t = c.oracle.statistics(o).fields.at(kAll);
        CHECK(s.documents == t.documents);
        CHECK(s.total_length == t.total_length);
        CHECK(s.df == t.df);
        // explain: the same terms, the same parts.
        if (!ours.empty()) {
            const auto a = c.bm25f.explain(q, ours[0].doc);
            const auto b = c.oracle.explain(o, ours[0].doc);
            REQUIRE(a.size() == b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                CHECK(a[i].term == b[i].term);
                CHECK(a[i].tf == b[i].tf);
                CHECK(a[i].df == b[i].df);
                CHECK(a[i].field_length == b[i].field_length);
                CHECK(a[i].score == b[i].score);
                // The BM25F parts: the fields holding the term, summing to tf and length.
                REQUIRE(!a[i].field_parts.empty());
                std::uint32_t tf = 0;
                for (const auto& part : a[i].field_parts) tf += part.tf;
                CHECK(tf == a[i].tf);
                CHECK(b[i].field_parts.empty());
            }
        }
    }
    for (int round = 0; round < 40; ++round) {
        TreeQuery q = tree_query(rng, vocabulary, std::string(kCombinedField));
        TreeQuery o = q;
        o.fields[0].field = kAll;
        const std::string context = stage + " tree round " + std::to_string(round) + describe(q);
        const auto ours = c.bm25f.search(q);
        check_same(ours, c.oracle.search(o), context);
        for (std::size_t i = 0; i < std::min<std::size_t>(ours.size(), 3); ++i) {
            const auto a = c.bm25f.explain(q, ours[i].doc);
            const auto b = c.oracle.explain(o, ours[i].doc);
            INFO(context);
            REQUIRE(a.size() == b.size());
            for (std::size_t e = 0; e < a.size(); ++e) {
                CHECK(a[e].score == b[e].score);
                CHECK(a[e].field_parts.empty() == a[e].phrase_freq.has_value());
                CHECK(a[e].phrase_freq == b[e].phrase_freq);
            }
        }
    }
    for (int round = 0; round < 20; ++round) {
        const DocOrdinal d = static_cast<DocOrdinal>(rng() % end);
        const std::string term = word(rng, vocabulary);
        CHECK(c.bm25f.positions(kCombinedField, term, d) == c.oracle.positions(kAll, term, d));
    }
}

}  // namespace

TEST_CASE("BM25F over the fields ranks as the stored combined field did", "[lexical][bm25f][differential]") {
    for (std::uint32_t seed = 1; seed <= 6; ++seed) {
        std::mt19937 rng(seed);
        const std::size_t nfields = 2 + seed % 2;
        std::vector<std::string> fields{"title", "body", "notes"};
        fields.resize(nfields);
        const std::size_t vocabulary = 40 + rng() % 200;
        const Bm25Params params{seed % 2 == 0 ? 1.2f : 0.9f, seed % 3 == 0 ? 0.75f : 0.4f};
        Corpus c{fields, LexicalIndex(fields, params, true), LexicalIndex({kAll}, params, true)};
        const DocOrdinal docs = 300 + static_cast<DocOrdinal>(rng() % 400);
        DocOrdinal next = 0;
        for (; next < docs; ++next) add_doc(c, next, rng, vocabulary);
        const std::string stage = "seed " + std::to_string(seed);
        compare(c, rng, vocabulary, next, stage + " built");

        // Deletes and updates (a new version under a new ordinal, the old one removed).
        for (int i = 0; i < 120; ++i) {
            const DocOrdinal d = static_cast<DocOrdinal>(rng() % next);
            c.bm25f.remove(d);
            c.oracle.remove(d);
            if (i % 2 == 0) add_doc(c, next++, rng, vocabulary);
        }
        CHECK(c.bm25f.stats().documents == c.oracle.stats().documents);
        CHECK(c.bm25f.stats().terms == c.oracle.stats().terms);
        compare(c, rng, vocabulary, next, stage + " after deletes");

        // A remap (compaction under new ordinals) and a save/load.
        Bitset live(next);
        for (DocOrdinal d = 0; d < next; ++d)
            if (c.bm25f.contains(d)) live.set(d);
        const auto remap = OrdinalRemap::compacting(live, next);
        c.bm25f.remap(remap);
        c.oracle.remap(remap);
        std::stringstream a, b;
        c.bm25f.save(a);
        c.oracle.save(b);
        c.bm25f = LexicalIndex::load(a);
        c.oracle = LexicalIndex::load(b);
        compare(c, rng, vocabulary, static_cast<DocOrdinal>(remap.new_end()), stage + " remapped and reloaded");
    }
}

TEST_CASE("a phrase spans two fields of the combined field only with a slop reaching across the gap", "[lexical][bm25f]") {
    LexicalIndex index({"title", "body"}, Bm25Params{}, true);
    // "y" is the title's last token (position 2 after a gap), "z" the body's first.
    std::vector<analyzers::Token> title{{"x", 0, 0, 0}, {"y", 2, 0, 0}};
    index.add(0, {{"title", title}, {"body", test::words("z w")}});
    index.add(1, {{"title", test::words("y z")}, {"body", test::words("q")}});
    auto phrase = [](std::uint32_t slop) {
        TreeQuery q;
        q.fields = {{std::string(kCombinedField), 1.0f}};
        QueryClause c;
        c.kind = ClauseKind::phrase;
        c.slop = slop;
        c.label = "yz";
        c.forms.push_back(FieldForm{0, {"y", "z"}, {0, 1}});
        q.alternatives = {{c}};
        return q;
    };
    // Combined positions: y at 2, z at 2 + 1 + 100: the match's length is 100.
    CHECK(index.positions(kCombinedField, "z", 0) == std::vector<std::uint32_t>{103});
    auto hits = index.search(phrase(99));
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].doc == 1);
    hits = index.search(phrase(100));
    REQUIRE(hits.size() == 2);
    const auto e = index.explain(phrase(100), 0);
    REQUIRE(e.size() == 1);
    CHECK(*e[0].phrase_freq == Approx(1.0 / 101.0));
}

TEST_CASE("the combined field stores no postings of its own", "[lexical][bm25f]") {
    LexicalIndex two({"title", "body"}, Bm25Params{}, true);
    LexicalIndex one({"all"}, Bm25Params{}, true);
    two.add(0, {{"title", test::words("apple pie")}, {"body", test::words("apple tart with pear")}});
    one.add(0, {{"all", test::words("apple pie apple tart with pear")}});
    // Postings: 2 in title, 4 in body; the combined field adds none (it once added 5).
    CHECK(two.stats().postings == 6);
    CHECK(two.stats().terms == 5);
    CHECK(one.stats().postings == 5);
}
