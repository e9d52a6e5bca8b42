// Ordinal compaction of the engine's own ordinal-indexed parts: DocumentStore, FilterIndex.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "core/error.hpp"
#include "engine/document_store.hpp"
#include "engine/filter_index.hpp"

using namespace braid;
using namespace braid::engine;

namespace {

// Written so GCC 12 raises no false -Wrestrict warning on "d" + std::to_string(i).
std::string named(unsigned i) {
    std::string s = "d";
    s += std::to_string(i);
    return s;
}

}  // namespace

TEST_CASE("DocumentStore::remap renumbers live documents and forgets dead ones", "[engine][remap]") {
    DocumentStore store;
    std::mt19937 rng(9);
    std::map<std::string, std::string> expected;  // id -> json
    for (int w = 0; w < 3000; ++w) {
        const std::string id = named(rng() % 100);
        if (rng() % 5 == 0) {
            store.remove(id);
            expected.erase(id);
            continue;
        }
        const std::string json = "{\"w\":" + std::to_string(w) + "}";
        store.add(store.next_ordinal(), id, StrippedDocument{json, {}});
        expected[id] = json;
    }
    REQUIRE(store.next_ordinal() > 10 * store.size());
    std::vector<std::string> order;  // ids in ordinal order
    store.for_each_live([&](DocOrdinal, const std::string& id) { order.push_back(id); });
    const std::size_t memory = store.memory_bytes();

    const auto remap = OrdinalRemap::compacting(store.live(), store.next_ordinal());
    store.remap(remap);
    CHECK(store.next_ordinal() == expected.size());
    CHECK(store.size() == expected.size());
    CHECK(store.live().count() == expected.size());
    CHECK(store.memory_bytes() < memory);
    std::vector<std::string> after;
    store.for_each_live([&](DocOrdinal o, const std::string& id) {
        CHECK(o == after.size());
        CHECK(store.find(id) == o);
        CHECK(store.text(o) == expected.at(id));
        after.push_back(id);
    });
    CHECK(after == order);

    // Writes continue from the new end; a replacement kills the remapped version.
    const DocOrdinal old = store.find(order.front());
    CHECK(store.add(store.next_ordinal(), order.front(), StrippedDocument{"{}", {}}) == old);
    CHECK_FALSE(store.is_live(old));
    CHECK(store.find(order.front()) == expected.size());
    CHECK_THROWS_AS(store.add(3, "late", StrippedDocument{"{}", {}}), Error);
}

TEST_CASE("DocumentStore::remap refuses a remap that drops a live document", "[engine][remap]") {
    DocumentStore store;
    store.add(0, "a", StrippedDocument{"{}", {}});
    store.add(1, "b", StrippedDocument{"{}", {}});
    Bitset only_a;
    only_a.set(0);
    CHECK_THROWS_AS(store.remap(OrdinalRemap::compacting(only_a, 2)), Error);
    CHECK(store.find("b") == 1);
    CHECK(store.text(1) == "{}");
}

TEST_CASE("FilterIndex::remap keeps every filter's answer, under the new ordinals", "[engine][remap]") {
    const config::FieldConfig tags{"tags", config::FieldType::keyword, "standard"};
    const config::FieldConfig year{"year", config::FieldType::integer, "standard"};
    const config::FieldConfig price{"price", config::FieldType::floating, "standard"};
    const config::FieldConfig flag{"flag", config::FieldType::boolean, "standard"};
    FilterIndex filters({&tags, &year, &price, &flag});
    std::mt19937 rng(4);
    Bitset live;
    std::map<std::string, DocOrdinal> ordinal_of;
    DocOrdinal next = 0;
    for (int w = 0; w < 4000; ++w) {
        const std::string id = named(rng() % 150);
        if (const auto it = ordinal_of.find(id); it != ordinal_of.end()) {
            live.reset(it->second);
            ordinal_of.erase(it);
        }
        if (rng() % 6 == 0) continue;
        std::vector<FilterFieldValue> values;
        std::string t = "t", u = "u";
        t += std::to_string(rng() % 4);
        u += std::to_string(rng() % 3);
        values.emplace_back(std::vector<std::string>{t, u});
        if (rng() % 7 == 0)
            values.emplace_back(std::monostate{});
        else
            values.emplace_back(static_cast<std::int64_t>(2000 + rng() % 20));
        values.emplace_back(static_cast<double>(rng() % 100) / 4.0);
        values.emplace_back(rng() % 2 == 0);
        filters.add(next, values);
        live.set(next);
        ordinal_of[id] = next++;
    }
    const std::vector<std::vector<FilterClause>> clauses{
        {FilterClause{"tags", {FilterValue{std::string("t1")}, FilterValue{std::string("u2")}}, {}}},
        {FilterClause{"year", {FilterValue{std::int64_t{2005}}, FilterValue{std::int64_t{2011}}}, {}}},
        {FilterClause{"year", {}, RangeBounds{{}, 2003.0, 2010.0, {}}}},
        {FilterClause{"price", {}, RangeBounds{5.0, {}, {}, 12.5}}, FilterClause{"flag", {FilterValue{true}}, {}}},
    };
    std::vector<Bitset> before;
    for (const auto& c : clauses) before.push_back(filters.evaluate(c, live));
    const std::size_t memory = filters.memory_bytes();

    const auto remap = OrdinalRemap::compacting(live, next);
    filters.remap(remap);
    const Bitset new_live = remap.apply(live);
    CHECK(filters.memory_bytes() < memory);
    for (std::size_t i = 0; i < clauses.size(); ++i) {
        const Bitset after = filters.evaluate(clauses[i], new_live);
        const Bitset expected = remap.apply(before[i]);
        CHECK(after.count() == before[i].count());
        CHECK(after.count() > 0);
        CHECK(after.words() == expected.words());
    }
    // A later document is filtered like any other.
    const auto extra = static_cast<DocOrdinal>(remap.new_end());
    filters.add(extra, {std::vector<std::string>{"t1"}, std::int64_t{2005}, 6.0, true});
    Bitset grown = new_live;
    grown.set(extra);
    for (const auto& c : clauses) CHECK(filters.evaluate(c, grown).test(extra));
}
