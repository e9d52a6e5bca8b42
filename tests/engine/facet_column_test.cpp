// Facet counts from the per-document value column (FacetValueColumn, FilterIndex) against an
// oracle computed here: both walks (the matched documents' value ids, every posting of the
// field) and the automatic choice give the counts of the documents as the test wrote them, for
// multi-valued keywords with repeats, booleans, integers (a narrow span counted by offset, a wide
// one hashed) and float ranges; after replacements and deletions (dead ordinals outside the match
// set), after an ordinal compaction (remap), and through a collection's snapshot and restart.
#include <map>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "core/ordinal_remap.hpp"
#include "engine/facet_counter.hpp"
#include "engine/facet_value_column.hpp"
#include "engine/catalog.hpp"
#include "engine_fixture.hpp"
#include "facet_oracle.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

struct Doc {
    std::vector<std::string> tags;  // as written, repeats included
    std::optional<bool> flag;
    std::optional<std::int64_t> year;   // narrow span
    std::optional<std::int64_t> count;  // wide span (hashed)
    std::optional<double> price;
};

Doc random_doc(std::mt19937& rng) {
    Doc d;
    const int n = static_cast<int>(rng() % 5);  // 0..4 tags, repeats possible
    for (int t = 0; t < n; ++t) d.tags.push_back(numbered("t", static_cast<long long>(rng() % 9)));
    if (rng() % 4) d.flag = rng() % 3 == 0;
    if (rng() % 5) d.year = 1990 + static_cast<std::int64_t>(rng() % 30);
    if (rng() % 5) d.count = (static_cast<std::int64_t>(rng() % 7) - 3) * 1'000'000'000'000LL;
    if (rng() % 5) d.price = static_cast<double>(rng() % 1000) / 10.0;
    return d;
}

std::vector<FilterFieldValue> filter_values(const Doc& d) {
    return {d.tags.empty() ? FilterFieldValue{} : FilterFieldValue{d.tags},
            d.flag ? FilterFieldValue{*d.flag} : FilterFieldValue{},
            d.year ? FilterFieldValue{*d.year} : FilterFieldValue{},
            d.count ? FilterFieldValue{*d.count} : FilterFieldValue{},
            d.price ? FilterFieldValue{*d.price} : FilterFieldValue{}};
}

const std::vector<FacetRequest>& requests() {
    static const std::vector<FacetRequest> facets{
        {"tags", 4, {}},
        {"flag", 10, {}},
        {"year", 5, {}},
        {"count", 10, {}},
        {"year", std::nullopt, {{std::nullopt, 2000.0}, {1995.0, 2010.0}, {2010.0, std::nullopt}}},
        {"price", std::nullopt, {{std::nullopt, 25.0}, {25.0, 75.5}, {50.0, std::nullopt}}}};
    return facets;
}

bool in_range(double x, const FacetRange& r) {
    return (!r.gte || x >= *r.gte) && (!r.lt || x < *r.lt);
}

// Checks `got` (the answer to requests()) against the documents `matched` selects.
void check_against_oracle(const std::vector<FacetResult>& got, const std::vector<const Doc*>& matched) {
    REQUIRE(got.size() == requests().size());
    std::map<std::string, std::size_t> tags;
    std::map<bool, std::size_t> flags;
    std::map<std::int64_t, std::size_t> years, counts;
    for (const Doc* d : matched) {
        for (const auto& t : std::set<std::string>(d->tags.begin(), d->tags.end())) ++tags[t];  // once per document
        if (d->flag) ++flags[*d->flag];
        if (d->year) ++years[*d->year];
        if (d->count) ++counts[*d->count];
    }
    check_values(got[0], tags, 4);
    check_values(got[1], flags, 10);
    check_values(got[2], years, 5);
    check_values(got[3], counts, 10);
    for (const std::size_t f : {std::size_t{4}, std::size_t{5}}) {
        const auto& ranges = requests()[f].ranges;
        REQUIRE(got[f].buckets.size() == ranges.size());
        for (std::size_t i = 0; i < ranges.size(); ++i) {
            std::size_t n = 0;
            for (const Doc* d : matched) {
                const std::optional<double> x = f == 4 ? (d->year ? std::optional<double>(double(*d->year)) : std::nullopt)
                                                       : d->price;
                if (x && in_range(*x, ranges[i])) ++n;
            }
            INFO("facet " << f << " range " << i);
            CHECK(got[f].buckets[i].count == n);
        }
    }
}

class FacetFixture {
public:
    FacetFixture()
        : fields_{{"tags", config::FieldType::keyword, "standard"},
                  {"flag", config::FieldType::boolean, "standard"},
                  {"year", config::FieldType::integer, "standard"},
                  {"count", config::FieldType::integer, "standard"},
                  {"price", config::FieldType::floating, "standard"}},
          index_({&fields_[0], &fields_[1], &fields_[2], &fields_[3], &fields_[4]}) {}

    // Adds (or replaces: the old ordinal dies) document `id`.
    void upsert(std::size_t id, const Doc& doc) {
        remove(id);
        const auto ordinal = static_cast<DocOrdinal>(docs_.size());
        index_.add(ordinal, filter_values(doc));
        docs_.push_back(doc);
        live_.set(ordinal);
        ordinal_of_[id] = ordinal;
    }
    void remove(std::size_t id) {
        const auto it = ordinal_of_.find(id);
        if (it == ordinal_of_.end()) return;
        live_.reset(it->second);
        ordinal_of_.erase(it);
    }
    void compact() {
        const auto remap = OrdinalRemap::compacting(live_, docs_.size());
        index_.remap(remap);
        std::vector<Doc> docs(remap.new_end());
        for (std::size_t o = 0; o < docs_.size(); ++o)
            if (remap.keeps(static_cast<DocOrdinal>(o))) docs[remap(static_cast<DocOrdinal>(o))] = docs_[o];
        docs_ = std::move(docs);
        live_ = remap.apply(live_);
        for (auto& [id, ordinal] : ordinal_of_) ordinal = remap(ordinal);
    }
    // Every walk against the oracle, over random live subsets of several densities.
    void check_every_walk(std::mt19937& rng) {
        for (const double density : {0.0, 0.02, 0.3, 0.7, 1.0}) {
            INFO("density " << density);
            Bitset matched(docs_.size());
            std::vector<const Doc*> oracle;
            std::bernoulli_distribution pick(density);
            for (std::size_t o = 0; o < docs_.size(); ++o)
                if (live_.test(o) && pick(rng)) {
                    matched.set(o);
                    oracle.push_back(&docs_[o]);
                }
            for (const auto walk : {FacetWalk::matches, FacetWalk::postings, FacetWalk::automatic}) {
                INFO("walk " << static_cast<int>(walk));
                check_against_oracle(FacetCounter::count(index_, requests(), matched, walk), oracle);
            }
        }
    }
    const FilterIndex& index() const { return index_; }

private:
    std::vector<config::FieldConfig> fields_;
    FilterIndex index_;
    std::vector<Doc> docs_;  // by ordinal, dead ones included
    Bitset live_{0};
    std::map<std::size_t, DocOrdinal> ordinal_of_;
};

}  // namespace

TEST_CASE("facet walks: both walks and the automatic choice give the oracle's counts", "[facets][facet_column]") {
    std::mt19937 rng(GENERATE(1u, 2u, 3u));
    FacetFixture fixture;
    for (std::size_t id = 0; id < 400; ++id) fixture.upsert(id, random_doc(rng));
    SECTION("fresh") { fixture.check_every_walk(rng); }
    SECTION("after replacements and deletions") {
        for (int i = 0; i < 300; ++i) fixture.upsert(rng() % 400, random_doc(rng));
        for (int i = 0; i < 80; ++i) fixture.remove(rng() % 400);
        fixture.check_every_walk(rng);
        SECTION("and after an ordinal compaction") {
            fixture.compact();
            fixture.check_every_walk(rng);
            // Writes after the compaction continue on the renumbered column.
            for (int i = 0; i < 100; ++i) fixture.upsert(rng() % 500, random_doc(rng));
            fixture.check_every_walk(rng);
        }
    }
}

TEST_CASE("facet value column: single, multiple and no values, and a remap renumbers ordinals and ids", "[facet_column]") {
    FacetValueColumn column;
    const std::vector<std::uint32_t> one{7}, three{1, 4, 2}, none{};
    column.set(0, one);
    column.set(2, three);
    column.set(3, none);
    column.set(5, std::vector<std::uint32_t>{3, 0});
    const auto values = [&](DocOrdinal o) {
        std::vector<std::uint32_t> out;
        column.for_each_value(o, [&](std::uint32_t id) { out.push_back(id); });
        return out;
    };
    CHECK(values(0) == one);
    CHECK(values(1).empty());  // never set
    CHECK(values(2) == three);
    CHECK(values(3).empty());
    CHECK(values(5) == std::vector<std::uint32_t>{3, 0});
    CHECK(values(99).empty());  // beyond the end
    CHECK(column.multi_valued() == 2);

    // Drop ordinals 0 and 3; rename id 4 to nothing and the others down by one.
    Bitset live(6);
    for (const DocOrdinal o : {1u, 2u, 4u, 5u}) live.set(o);
    const auto remap = OrdinalRemap::compacting(live, 6);
    const std::vector<std::uint32_t> new_id{9, 0, 1, 2, FacetValueColumn::kNone, 4, 5, 6};
    column.remap(remap, new_id);
    CHECK(column.size() == 4);
    CHECK(values(0).empty());                                   // was 1
    CHECK(values(1) == std::vector<std::uint32_t>{0, 1});       // was 2: {1, 4, 2}, 4 dropped
    CHECK(values(2).empty());                                   // was 4
    CHECK(values(3) == std::vector<std::uint32_t>{2, 9});       // was 5: {3, 0}
    CHECK(column.multi_valued() == 2);
    // A run that shrinks to one value becomes a single slot.
    Bitset all(4);
    all.set_all();
    column.remap(OrdinalRemap::keeping(all, 4), std::vector<std::uint32_t>{0, FacetValueColumn::kNone, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(values(1) == std::vector<std::uint32_t>{0});
    CHECK(column.multi_valued() == 1);
}

TEST_CASE("facet value column: its memory is counted, 4 bytes a document plus the multi-valued runs",
          "[facet_column]") {
    const config::FieldConfig tags{"tags", config::FieldType::keyword, "standard"};
    const auto bytes_for = [&](std::size_t docs, std::size_t values_per_doc) {
        FilterIndex index({&tags});
        for (std::size_t d = 0; d < docs; ++d) {
            std::vector<std::string> values;
            for (std::size_t v = 0; v < values_per_doc; ++v) values.push_back(numbered("t", static_cast<long long>((d + v) % 50)));
            index.add(static_cast<DocOrdinal>(d), {FilterFieldValue{values}});
        }
        return index.memory_bytes();
    };
    const std::size_t small = bytes_for(10'000, 1), large = bytes_for(20'000, 1);
    // Each added single-valued document costs its posting and its slot (at least 8 bytes).
    CHECK(large - small >= 10'000 * (sizeof(DocOrdinal) + sizeof(std::uint32_t)));
    // A second value adds a posting and a run (count + two ids) per document.
    CHECK(bytes_for(10'000, 2) - small >= 10'000 * (sizeof(DocOrdinal) + 3 * sizeof(std::uint32_t)));
}

TEST_CASE("facets: the value column is rebuilt on load and survives a compaction, exact after a restart",
          "[facets][facet_column][persistence]") {
    TempDir dir;
    std::mt19937 rng(11);
    std::map<std::string, Doc> live;  // id -> document as last written
    const auto next_json = [&](const std::string& id) {
        const Doc d = random_doc(rng);
        boost::json::object json{{"id", id}, {"title", "river"}, {"body", "mountain"}};
        boost::json::array tags;
        for (const auto& t : d.tags) tags.emplace_back(t);
        json["tags"] = std::move(tags);
        if (d.flag) json["available"] = *d.flag;
        if (d.year) json["year"] = *d.year;
        if (d.price) json["price"] = *d.price;
        live[id] = d;
        return json;
    };
    const auto expected_search = [] {
        SearchRequest request;
        request.query = "river";
        request.k = 5;
        request.facets = {{"tags", 20, {}}, {"available", 10, {}}, {"year", 50, {}},
                          {"price", std::nullopt, {{std::nullopt, 50.0}, {50.0, std::nullopt}}}};
        return request;
    };
    const auto check = [&](const Collection& books) {
        const auto response = books.search(expected_search());
        REQUIRE(response.facets);
        std::map<std::string, std::size_t> tags;
        std::map<bool, std::size_t> flags;
        std::map<std::int64_t, std::size_t> years;
        std::size_t cheap = 0, dear = 0;
        for (const auto& [id, d] : live) {
            for (const auto& t : std::set<std::string>(d.tags.begin(), d.tags.end())) ++tags[t];
            if (d.flag) ++flags[*d.flag];
            if (d.year) ++years[*d.year];
            if (d.price) ++(*d.price < 50.0 ? cheap : dear);
        }
        check_values((*response.facets)[0], tags, 20);
        check_values((*response.facets)[1], flags, 10);
        check_values((*response.facets)[2], years, 50);
        CHECK((*response.facets)[3].buckets[0].count == cheap);
        CHECK((*response.facets)[3].buckets[1].count == dear);
    };
    {
        Catalog catalog(CatalogOptions{dir.path(), 256ull << 20}, analyzers::AnalyzerRegistry::with_builtins());
        catalog.open({});
        auto books = catalog.create(books_schema("books", 0));
        for (int i = 0; i < 150; ++i) books->upsert(numbered("b", i), next_json(numbered("b", i)));
        // Enough replacements to compact the ordinals (next ordinal >= 2 x live + 1024) at least
        // once; in bulk batches (one log write each) to keep the test fast.
        for (int batch = 0; batch < 6; ++batch) {
            std::string ndjson;
            for (int i = 0; i < 250; ++i) {
                ndjson += boost::json::serialize(next_json(numbered("b", static_cast<long long>(rng() % 150))));
                ndjson += '\n';
            }
            REQUIRE(books->bulk(ndjson).indexed == 250);
        }
        for (int i = 0; i < 30; ++i) {
            const std::string id = numbered("b", static_cast<long long>(rng() % 150));
            books->remove(id);
            live.erase(id);
        }
        check(*books);
        catalog.snapshot();
        check(*books);
    }
    Catalog reopened(CatalogOptions{dir.path(), 256ull << 20}, analyzers::AnalyzerRegistry::with_builtins());
    reopened.open({});
    check(*reopened.get("books"));
}
