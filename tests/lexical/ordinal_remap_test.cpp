// LexicalIndex::remap: renumbering live documents (ordinal compaction) changes no result.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <sstream>

#include "core/error.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;
using namespace braid::lexical::test;

namespace {

const std::vector<std::string> kWords{"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta",
                                      "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"};

std::string random_text(std::mt19937& rng, int max_words) {
    std::string text;
    const int n = static_cast<int>(rng() % static_cast<unsigned>(max_words + 1));
    for (int i = 0; i < n; ++i) text += kWords[rng() % kWords.size()] + " ";
    return text;
}

struct Doc {
    std::string title, body;
};

std::vector<FieldTokens> fields_of(const Doc& d) { return {{"title", words(d.title)}, {"body", words(d.body)}}; }

// Random replacements and deletes of `ids` documents; `doc_of` holds each id's live ordinal.
struct Churned {
    LexicalIndex index{{"title", "body"}, Bm25Params{1.2f, 0.75f}, true};
    std::map<DocOrdinal, std::string> id_of;  // live ordinal -> id
    std::map<std::string, Doc> docs;
    Bitset live;
    DocOrdinal next = 0;

    explicit Churned(int ids, int writes) {
        std::mt19937 rng(5);
        std::map<std::string, DocOrdinal> ordinal_of;
        for (int w = 0; w < writes; ++w) {
            std::string id = "d";  // built in two steps: GCC 12 warns falsely (-Wrestrict) on "d" + s
            id += std::to_string(rng() % static_cast<unsigned>(ids));
            const auto it = ordinal_of.find(id);
            if (it != ordinal_of.end()) {
                index.remove(it->second);
                live.reset(it->second);
                id_of.erase(it->second);
                ordinal_of.erase(it);
                docs.erase(id);
            }
            if (rng() % 5 == 0) continue;  // a delete
            Doc d{random_text(rng, 3), random_text(rng, 12)};
            index.add(next, fields_of(d));
            live.set(next);
            id_of[next] = id;
            ordinal_of[id] = next;
            docs[id] = d;
            ++next;
        }
    }
};

std::vector<LexicalQuery> queries() {
    std::vector<LexicalQuery> out;
    out.push_back(query_of({{std::string(kCombinedField), 1, {"alpha", "beta"}}}, Operator::any, 20));
    out.push_back(query_of({{std::string(kCombinedField), 1, {"gamma", "delta", "pi"}}}, Operator::all, 20));
    out.push_back(query_of({{"title", 2.0f, {"eps", "zeta"}}, {"body", 1.0f, {"eps", "zeta"}}}, Operator::any, 50));
    out.push_back(query_of({{"body", 1.0f, {"mu", "nu", "xi"}}}, Operator::all, 1000));
    out.push_back(query_of({{std::string(kCombinedField), 1, {"iota"}}}, Operator::any, 5000));
    return out;
}

// Results as (id, score) so indexes with different ordinals compare.
std::vector<std::pair<std::string, float>> by_id(const std::vector<ScoredDoc>& hits,
                                                 const std::map<DocOrdinal, std::string>& id_of) {
    std::vector<std::pair<std::string, float>> out;
    for (const auto& h : hits) out.emplace_back(id_of.at(h.doc), h.score);
    return out;
}

}  // namespace

TEST_CASE("Remapped lexical index answers exactly as before, with explanations and statistics", "[lexical][remap]") {
    Churned c(400, 12000);
    REQUIRE(c.next > 4 * c.id_of.size());
    const auto before_stats = c.index.stats();
    std::vector<std::vector<std::pair<std::string, float>>> before;
    for (const auto& q : queries()) before.push_back(by_id(c.index.search(q), c.id_of));
    std::map<std::string, std::vector<TermExplanation>> before_explain;
    for (const auto& [o, id] : c.id_of) before_explain[id] = c.index.explain(queries()[2], o);
    std::map<std::string, std::vector<std::uint32_t>> before_positions;
    for (const auto& [o, id] : c.id_of) before_positions[id] = c.index.positions("body", "alpha", o);

    const auto remap = OrdinalRemap::compacting(c.live, c.next);
    c.index.remap(remap);
    std::map<DocOrdinal, std::string> id_of;
    for (const auto& [o, id] : c.id_of) id_of[remap(o)] = id;

    const auto after_stats = c.index.stats();
    CHECK(after_stats.documents == before_stats.documents);
    CHECK(after_stats.terms == before_stats.terms);
    CHECK(after_stats.postings == before_stats.postings);
    CHECK(after_stats.memory_bytes < before_stats.memory_bytes);
    for (std::size_t i = 0; i < queries().size(); ++i) CHECK(by_id(c.index.search(queries()[i]), id_of) == before[i]);
    for (const auto& [o, id] : id_of) {
        CHECK(c.index.contains(o));
        const auto e = c.index.explain(queries()[2], o);
        const auto& b = before_explain.at(id);
        REQUIRE(e.size() == b.size());
        for (std::size_t i = 0; i < e.size(); ++i) {
            CHECK(e[i].term == b[i].term);
            CHECK(e[i].field == b[i].field);
            CHECK(e[i].tf == b[i].tf);
            CHECK(e[i].df == b[i].df);
            CHECK(e[i].field_length == b[i].field_length);
            CHECK(e[i].avg_field_length == b[i].avg_field_length);
            CHECK(e[i].score == b[i].score);
        }
        CHECK(c.index.positions("body", "alpha", o) == before_positions.at(id));
    }
    CHECK_FALSE(c.index.contains(static_cast<DocOrdinal>(remap.new_end())));

    // Equal to an index built fresh from the live documents in the same order.
    LexicalIndex fresh({"title", "body"}, Bm25Params{1.2f, 0.75f}, true);
    for (const auto& [o, id] : id_of) fresh.add(o, fields_of(c.docs.at(id)));
    for (const auto& q : queries()) CHECK(c.index.search(q) == fresh.search(q));
    CHECK(fresh.stats().postings == after_stats.postings);

    // Postings were rewritten sorted: save/load validates every block, and later adds continue.
    std::stringstream bytes;
    c.index.save(bytes);
    LexicalIndex loaded = LexicalIndex::load(bytes);
    for (const auto& q : queries()) CHECK(loaded.search(q) == fresh.search(q));
    CHECK_THROWS_AS(loaded.add(static_cast<DocOrdinal>(remap.new_end() - 1), fields_of(Doc{"alpha", ""})), Error);
    const auto extra = static_cast<DocOrdinal>(remap.new_end());
    loaded.add(extra, fields_of(Doc{"alpha alpha", "iota"}));
    fresh.add(extra, fields_of(Doc{"alpha alpha", "iota"}));
    for (const auto& q : queries()) CHECK(loaded.search(q) == fresh.search(q));
    // Removing a remapped document undoes its statistics exactly.
    const DocOrdinal victim = id_of.begin()->first;
    loaded.remove(victim);
    fresh.remove(victim);
    CHECK(loaded.stats().documents == fresh.stats().documents);
    for (const auto& q : queries()) CHECK(loaded.search(q) == fresh.search(q));
}

TEST_CASE("A remap that drops a live document is refused and changes nothing", "[lexical][remap]") {
    Churned c(50, 300);
    Bitset fewer = c.live;
    fewer.reset(c.id_of.begin()->first);
    const auto before = c.index.search(queries()[0]);
    CHECK_THROWS_AS(c.index.remap(OrdinalRemap::compacting(fewer, c.next)), Error);
    CHECK(c.index.search(queries()[0]) == before);
    CHECK(c.index.stats().documents == c.id_of.size());
}
