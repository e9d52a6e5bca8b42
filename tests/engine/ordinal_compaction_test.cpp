// Ordinal compaction under an update-heavy load: the ordinal space and memory stay bounded, and
// every search answers as a collection built fresh from the final documents, also after a
// restart from a snapshot or from the log alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

#include <boost/json/serialize.hpp>

#include "engine/collection_state.hpp"
#include "engine/local_collection.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

constexpr int kIds = 500;

config::CollectionConfig churn_schema() {
    auto schema = books_schema("churn");
    schema.vector->index.type = "flat";  // exact: the same hits whatever the index's history
    return schema;
}

boost::json::object version(int id, int variant) {
    auto doc = book(variant);
    doc["id"] = numbered("b", id);
    return doc;
}

// What the collection should hold: per id, its document and the step of its last write.
struct Model {
    std::map<int, std::pair<int, long>> live;  // id -> (variant, step)
    long step = 0;

    void upsert(int id, int variant) { live[id] = {variant, step++}; }
    void remove(int id) { live.erase(id); }
    // The live documents in the order of their last write (the collection's ordinal order).
    std::vector<std::pair<int, int>> in_write_order() const {
        std::vector<std::tuple<long, int, int>> rows;
        for (const auto& [id, v] : live) rows.emplace_back(v.second, id, v.first);
        std::sort(rows.begin(), rows.end());
        std::vector<std::pair<int, int>> out;
        for (const auto& [s, id, variant] : rows) out.emplace_back(id, variant);
        return out;
    }
};

struct Op {
    int id;
    int variant;  // < 0: delete
};

std::vector<Op> random_ops(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<Op> ops;
    for (std::size_t i = 0; i < n; ++i) {
        const int id = static_cast<int>(rng() % kIds);
        ops.push_back({id, rng() % 5 == 0 ? -1 : static_cast<int>(rng() % 20000)});
    }
    return ops;
}

LocalCollection& local(const std::shared_ptr<Collection>& c) { return dynamic_cast<LocalCollection&>(*c); }

// Applies ops one by one (upsert / delete), checking the ordinal bound after each.
void apply_singly(Collection& c, Model& model, const std::vector<Op>& ops) {
    auto& lc = dynamic_cast<LocalCollection&>(c);
    for (const auto& op : ops) {
        if (op.variant < 0) {
            c.remove(numbered("b", op.id));
            model.remove(op.id);
        } else {
            c.upsert(numbered("b", op.id), version(op.id, op.variant));
            model.upsert(op.id, op.variant);
        }
        REQUIRE(lc.next_ordinal() < 2 * model.live.size() + CollectionState::kOrdinalCompactionSlack);
    }
}

// The same through bulk bodies of 250 upserts, deletes sent one by one between them.
void apply_in_bulk(Collection& c, Model& model, const std::vector<Op>& ops) {
    std::string body;
    std::vector<int> deletes;
    const auto flush = [&] {
        if (!body.empty()) REQUIRE(c.bulk(body).failed == 0);
        body.clear();
        for (int id : deletes) {
            c.remove(numbered("b", id));
            model.remove(id);
        }
        deletes.clear();
    };
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const Op& op = ops[i];
        if (op.variant < 0) {
            deletes.push_back(op.id);
        } else {
            // A delete waiting for this id goes first, as in the op sequence.
            if (std::find(deletes.begin(), deletes.end(), op.id) != deletes.end()) flush();
            body += boost::json::serialize(version(op.id, op.variant)) + "\n";
            model.upsert(op.id, op.variant);
        }
        if ((i + 1) % 250 == 0) flush();
    }
    flush();
}

std::shared_ptr<Collection> fresh_from(Catalog& catalog, const Model& model) {
    auto schema = churn_schema();
    schema.name = "fresh";
    auto fresh = catalog.create(schema);
    for (const auto& [id, variant] : model.in_write_order()) fresh->upsert(numbered("b", id), version(id, variant));
    return fresh;
}

std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    SearchRequest r;
    r.k = 30;
    r.query = "river forest";
    out.push_back(r);
    r.query = "mountain river";
    r.op = MatchOperator::all;
    r.fields = {{"title", 2.0}, {"body", 1.0}};
    r.explain = true;
    out.push_back(r);
    r = SearchRequest{};
    r.k = 30;
    r.vector = book_vector(7);
    out.push_back(r);
    r.query = "ocean glacier";  // hybrid
    out.push_back(r);
    r.filter = {FilterClause{"tags", {FilterValue{std::string("t1")}}, {}},
                FilterClause{"year", {}, RangeBounds{{}, 2005.0, {}, 2015.0}}};
    out.push_back(r);  // hybrid, filtered
    r.query.reset();
    r.filter = {FilterClause{"available", {FilterValue{true}}, {}}, FilterClause{"price", {}, RangeBounds{{}, 3.0, {}, {}}}};
    out.push_back(r);  // dense, filtered
    r.vector.reset();
    r.query = "meadow canyon island";
    out.push_back(r);  // lexical, filtered
    return out;
}

void check_same_answers(const Collection& churned, const Collection& fresh) {
    for (const auto& request : requests()) {
        const auto a = churned.search(request);
        const auto b = fresh.search(request);
        INFO("query " << request.query.value_or("-") << ", vector " << request.vector.has_value() << ", filters "
                      << request.filter.size());
        CHECK(a.hits.size() >= 10);
        REQUIRE(ids(a) == ids(b));
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            CHECK(a.hits[i].score == b.hits[i].score);
            CHECK(a.hits[i].document == b.hits[i].document);
            REQUIRE(a.hits[i].explanation.has_value() == b.hits[i].explanation.has_value());
            if (!a.hits[i].explanation) continue;
            const auto& ta = a.hits[i].explanation->terms;
            const auto& tb = b.hits[i].explanation->terms;
            REQUIRE(ta.size() == tb.size());
            for (std::size_t t = 0; t < ta.size(); ++t) {
                CHECK(ta[t].term == tb[t].term);
                CHECK(ta[t].df == tb[t].df);
                CHECK(ta[t].score == tb[t].score);
            }
        }
    }
    const auto sa = churned.stats();
    const auto sb = fresh.stats();
    CHECK(sa.documents == sb.documents);
    CHECK(sa.terms == sb.terms);
    CHECK(sa.postings == sb.postings);
    CHECK(sa.vectors == sb.vectors);
}

std::unique_ptr<Catalog> disk_catalog(const std::filesystem::path& dir, std::uint64_t snapshot_every) {
    auto catalog = std::make_unique<Catalog>(CatalogOptions{dir, snapshot_every},
                                             analyzers::AnalyzerRegistry::with_builtins());
    catalog->open({});
    return catalog;
}

}  // namespace

TEST_CASE("50,000 replacements and deletes keep ordinals and memory bounded and answers exact",
          "[engine][compaction]") {
    auto catalog = memory_catalog();
    auto churned = catalog->create(churn_schema());
    Model model;
    const auto ops = random_ops(50000, 21);
    apply_singly(*churned, model, {ops.begin(), ops.begin() + 5000});
    const std::size_t early_memory = churned->stats().memory_bytes;
    apply_singly(*churned, model, {ops.begin() + 5000, ops.end()});
    CHECK(churned->stats().documents == model.live.size());
    CHECK(local(churned).next_ordinal() < 2 * model.live.size() + CollectionState::kOrdinalCompactionSlack);

    auto fresh = fresh_from(*catalog, model);
    check_same_answers(*churned, *fresh);
    // Memory follows the live documents, not the 50,000 writes: within a small factor of a fresh
    // collection's and no more than at 5,000 writes plus a margin.
    const std::size_t memory = churned->stats().memory_bytes;
    const std::size_t fresh_memory = fresh->stats().memory_bytes;
    INFO("memory after 5k writes " << early_memory << ", after 50k " << memory << ", fresh " << fresh_memory);
    CHECK(memory < 3 * fresh_memory);
    CHECK(memory < early_memory + early_memory / 2);
}

TEST_CASE("Bulk batches compact ordinals too", "[engine][compaction]") {
    auto catalog = memory_catalog();
    auto churned = catalog->create(churn_schema());
    Model model;
    apply_in_bulk(*churned, model, random_ops(20000, 5));
    // A bulk batch compacts at its end: the bound allows one batch of growth.
    CHECK(local(churned).next_ordinal() < 2 * model.live.size() + CollectionState::kOrdinalCompactionSlack + 250);
    check_same_answers(*churned, *fresh_from(*catalog, model));
}

TEST_CASE("A snapshot after ordinal compactions restores the same answers", "[engine][compaction][persistence]") {
    TempDir dir;
    Model model;
    {
        auto catalog = disk_catalog(dir.path(), 256ull << 20);
        auto churned = catalog->create(churn_schema());
        apply_in_bulk(*churned, model, random_ops(12000, 8));
        catalog->snapshot();
    }
    auto reopened = disk_catalog(dir.path(), 256ull << 20);
    auto churned = reopened->get("churn");
    CHECK(local(churned).next_ordinal() < 2 * model.live.size() + CollectionState::kOrdinalCompactionSlack);
    auto memory_catalog_for_fresh = memory_catalog();
    check_same_answers(*churned, *fresh_from(*memory_catalog_for_fresh, model));
    // Writes after the restart continue from the compacted ordinals.
    apply_singly(*churned, model, random_ops(3000, 9));
    check_same_answers(*churned, *fresh_from(*memory_catalog(), model));
}

TEST_CASE("Log replay crossing ordinal compactions, alone or after a snapshot, gives the same answers",
          "[engine][compaction][persistence]") {
    const bool snapshot_midway = GENERATE(false, true);
    TempDir dir;
    Model model;
    {
        auto catalog = disk_catalog(dir.path(), 256ull << 20);
        auto churned = catalog->create(churn_schema());
        apply_in_bulk(*churned, model, random_ops(8000, 12));
        if (snapshot_midway) catalog->snapshot();
        apply_in_bulk(*churned, model, random_ops(8000, 13));
        // No snapshot at the end: what follows the last one is replayed from the log.
    }
    auto reopened = disk_catalog(dir.path(), 256ull << 20);
    auto churned = reopened->get("churn");
    CHECK(local(churned).next_ordinal() < 2 * model.live.size() + CollectionState::kOrdinalCompactionSlack + 250);
    check_same_answers(*churned, *fresh_from(*memory_catalog(), model));
}
