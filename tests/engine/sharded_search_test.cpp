// A collection split over three LocalCollections, searched as the coordinator does (statistics,
// summed; each shard's sides under them; merge, fuse, page; fetch and explain from the holder),
// answers as one collection holding every document: same ids, order, scores, explanations.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "engine/local_collection.hpp"
#include "engine/sharded_search.hpp"
#include "engine/sharded_search_json.hpp"
#include "tests/engine/engine_fixture.hpp"
#include "tests/support/skewed_text.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

constexpr std::size_t kShards = 3;
constexpr int kDocuments = 900;

std::string word(std::size_t n) { return test_support::skewed_word(n); }

std::string text(std::mt19937& rng, std::size_t min_words, std::size_t max_words) {
    return test_support::skewed_text(rng, min_words, max_words, 150);
}

boost::json::object random_book(std::mt19937& rng, int i) {
    boost::json::object doc = book(i);
    doc["title"] = text(rng, 1, 5);
    doc["body"] = text(rng, 0, 40);
    return doc;
}

struct Cluster {
    std::unique_ptr<LocalCollection> whole;
    std::vector<std::unique_ptr<LocalCollection>> shards;
    std::vector<std::string> ids;
};

Cluster& cluster() {
    static Cluster c = [] {
        const auto registry = analyzers::AnalyzerRegistry::with_builtins();
        Cluster built{std::make_unique<LocalCollection>(books_schema(), registry), {}, {}};
        for (std::size_t s = 0; s < kShards; ++s) built.shards.push_back(std::make_unique<LocalCollection>(books_schema(), registry));
        std::mt19937 rng(16);
        for (int i = 0; i < kDocuments; ++i) {
            const auto doc = random_book(rng, i);
            const std::string id = numbered("b", i);
            built.whole->upsert(id, doc);
            built.shards[std::hash<std::string>{}(id) % kShards]->upsert(id, doc);
            built.ids.push_back(id);
        }
        return built;
    }();
    return c;
}

// The coordinator's work, over in-process shards; every answer goes through its wire form.
SearchResponse sharded(const Cluster& c, const SearchRequest& request) {
    lexical::CorpusStatistics global;
    for (const auto& shard : c.shards)
        global.add(statistics_from_json(boost::json::parse(statistics_text(shard->shard_statistics(request))), "statistics"));
    global = statistics_from_json(boost::json::parse(statistics_text(global)), "statistics");
    std::vector<ShardSides> sides;
    for (const auto& shard : c.shards)
        sides.push_back(shard_sides_from_json(boost::json::parse(shard_sides_text(shard->shard_sides(request, global)))));
    static const auto registry = analyzers::AnalyzerRegistry::with_builtins();
    const SearchPlan plan = shard_plan(c.whole->schema(), DocumentParser(c.whole->schema(), registry), request);
    SearchResponse response;
    for (const auto& merged : merge_shard_sides(sides, plan)) {
        Hit hit;
        hit.id = merged.id;
        hit.score = merged.score;
        hit.lexical = merged.lexical;
        hit.dense = merged.dense;
        for (const auto& shard : c.shards) {
            const auto fetched =
                fetched_hits_from_json(boost::json::parse(fetched_hits_text(shard->shard_fetch(request, global, {merged.id}))))
                    .front();
            if (!fetched) continue;
            hit.document = fetched->document;
            hit.explanation = fetched->explanation;
        }
        response.hits.push_back(std::move(hit));
    }
    return response;
}

void check_side(const std::optional<SideContribution>& got, const std::optional<SideContribution>& expected) {
    REQUIRE(got.has_value() == expected.has_value());
    if (!got) return;
    CHECK(got->rank == expected->rank);
    CHECK(got->score == expected->score);
    CHECK(got->normalized == Approx(expected->normalized).margin(1e-12));
    CHECK(got->contribution == Approx(expected->contribution).margin(1e-12));
}

void check_same(const SearchResponse& got, const SearchResponse& expected) {
    REQUIRE(got.hits.size() == expected.hits.size());
    for (std::size_t i = 0; i < got.hits.size(); ++i) {
        INFO("rank " << i << ": " << got.hits[i].id << " vs " << expected.hits[i].id);
        const Hit& g = got.hits[i];
        const Hit& e = expected.hits[i];
        REQUIRE(g.id == e.id);
        CHECK(std::abs(g.score - e.score) <= 1e-6 * std::max(1.0, std::abs(e.score)));
        CHECK(g.document == e.document);
        check_side(g.lexical, e.lexical);
        check_side(g.dense, e.dense);
        REQUIRE(g.explanation.has_value() == e.explanation.has_value());
        if (!g.explanation) continue;
        REQUIRE(g.explanation->terms.size() == e.explanation->terms.size());
        for (std::size_t t = 0; t < g.explanation->terms.size(); ++t) {
            const auto& gt = g.explanation->terms[t];
            const auto& et = e.explanation->terms[t];
            CHECK(gt.term == et.term);
            CHECK(gt.df == et.df);
            CHECK(gt.idf == et.idf);
            CHECK(gt.avg_field_length == et.avg_field_length);
            CHECK(gt.score == et.score);
        }
    }
}

std::vector<float> random_vector(std::mt19937& rng) {
    std::normal_distribution<float> n(0, 1);
    return {n(rng), n(rng), n(rng), n(rng)};
}

}  // namespace

TEST_CASE("sharded search: three shards answer as one collection holding all", "[sharded]") {
    const Cluster& c = cluster();
    std::mt19937 rng(1616);
    std::uniform_int_distribution<std::size_t> kdist(1, 30), offset_dist(0, 20);
    int checked_hits = 0;
    for (int q = 0; q < 240; ++q) {
        SearchRequest request;
        const int kind = q % 3;  // lexical, dense, hybrid
        if (kind != 1) request.query = text(rng, 1, 4);
        if (kind != 0) request.vector = random_vector(rng);
        request.mode = kind == 0 ? SearchMode::lexical : kind == 1 ? SearchMode::dense : SearchMode::hybrid;
        request.ef_search = 1000;  // the whole graph: HNSW answers exactly on either side
        request.k = kdist(rng);
        request.offset = offset_dist(rng);
        request.explain = q % 2 == 0;
        if (q % 5 == 1) request.fields = {{"title", 2.0}, {"body", 1.0}};
        if (q % 7 == 2) request.op = MatchOperator::all;
        if (q % 4 == 3)
            request.filter = {FilterClause{"year", {}, RangeBounds{std::nullopt, 2003.0, 2014.0, std::nullopt}}};
        if (q % 6 == 4) request.fusion = FusionParams{fusion::LinearParams{0.3, fusion::Normalization::zscore, 40}};
        if (q % 9 == 5) request.min_score.fused = kind == 0 ? 2.0 : 0.01;
        INFO("query " << q << " kind " << kind << " query " << request.query.value_or("-"));
        const auto expected = c.whole->search(request);
        check_same(sharded(c, request), expected);
        checked_hits += static_cast<int>(expected.hits.size());
    }
    CHECK(checked_hits > 1000);  // the queries found something to compare
}

TEST_CASE("sharded search: without global statistics a shard scores differently", "[sharded]") {
    const Cluster& c = cluster();
    SearchRequest request;
    request.query = word(3) + " " + word(40);
    request.mode = SearchMode::lexical;
    const auto local = c.shards[0]->search(request);
    const auto global = sharded(c, request);
    REQUIRE(!local.hits.empty());
    bool some_differ = false;
    for (const auto& hit : global.hits)
        for (const auto& mine : local.hits)
            if (mine.id == hit.id && mine.score != hit.score) some_differ = true;
    CHECK(some_differ);
}

TEST_CASE("sharded search: the simple syntax is refused, named", "[sharded]") {
    const Cluster& c = cluster();
    SearchRequest request;
    request.query = "w1 +w2";
    request.syntax.simple = true;
    try {
        c.shards[0]->shard_statistics(request);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.type() == "unsupported_on_shards");
    }
}

TEST_CASE("sharded search wire form: malformed statistics and sides are named by path", "[sharded]") {
    const auto path_of = [](const std::function<void()>& read) {
        try {
            read();
        } catch (const Error& e) {
            CHECK(e.type() == "invalid_request");
            return e.path();
        }
        FAIL("no error");
        return std::string();
    };
    CHECK(path_of([] {
              statistics_from_json(boost::json::parse(R"({"fields":{"*":{"documents":3,"total_length":9,"df":{"a":-1}}}})"),
                                   "statistics");
          }) == "statistics.fields.*.df");
    CHECK(path_of([] { shard_sides_from_json(boost::json::parse(R"({"lexical":[["a","x"]],"dense":[]})")); }) == "lexical[0][1]");
    CHECK(path_of([] { fetched_hits_from_json(boost::json::parse(R"({"hits":[{"explanation":[]}]})")); }) == "hits[0].document");
}
