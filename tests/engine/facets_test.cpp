// "facets" and "total" against an exhaustive oracle computed here: the match set is every
// document containing the query's words (any or all of them) that passes the filter, plus the
// dense side's window (the top documents by exact cosine among those the filter allows); each
// facet is then counted over the documents as the test wrote them. Random corpora with
// replaced and removed documents; lexical, dense and hybrid; every filterable field type.
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/local_collection.hpp"
#include "engine_fixture.hpp"
#include "facet_oracle.hpp"

using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

struct OracleDoc {
    std::set<std::string> words;
    std::vector<std::string> tags;  // as written, duplicates included
    std::optional<std::int64_t> year;
    std::optional<double> price;
    std::optional<bool> available;
    std::vector<double> vector;
};

boost::json::object random_doc(std::mt19937& rng, const std::string& id, OracleDoc& oracle) {
    const auto& words = vocabulary();
    boost::json::object doc;
    doc["id"] = id;
    std::string body;
    const int length = 1 + static_cast<int>(rng() % 5);
    for (int w = 0; w < length; ++w) {
        const auto& word = words[rng() % words.size()];
        body += word + " ";
        oracle.words.insert(word);
    }
    doc["body"] = body;
    const auto& title = words[rng() % words.size()];
    doc["title"] = title;
    oracle.words.insert(title);
    if (rng() % 5) {
        boost::json::array tags;
        const int n = static_cast<int>(rng() % 4);
        for (int t = 0; t < n; ++t) {
            const std::string tag = numbered("t", static_cast<long long>(rng() % 7));
            tags.emplace_back(tag);
            oracle.tags.push_back(tag);
        }
        doc["tags"] = std::move(tags);
    }
    if (rng() % 6) {
        oracle.year = 1990 + static_cast<std::int64_t>(rng() % 25);
        doc["year"] = *oracle.year;
    }
    if (rng() % 6) {
        oracle.price = static_cast<double>(rng() % 1000) / 10.0;
        doc["price"] = *oracle.price;
    }
    if (rng() % 4) {
        oracle.available = rng() % 3 != 0;
        doc["available"] = *oracle.available;
    }
    std::normal_distribution<double> normal;
    boost::json::array vector;
    for (int d = 0; d < 4; ++d) {
        oracle.vector.push_back(normal(rng));
        vector.emplace_back(oracle.vector.back());
    }
    doc["embedding"] = std::move(vector);
    return doc;
}

double cosine(const std::vector<double>& a, const std::vector<float>& b) {
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(na * nb);
}

struct OracleFilter {
    std::optional<std::string> tag;
    std::optional<std::int64_t> year_gte;
    std::optional<bool> available;

    bool accepts(const OracleDoc& d) const {
        if (tag && std::find(d.tags.begin(), d.tags.end(), *tag) == d.tags.end()) return false;
        if (year_gte && !(d.year && *d.year >= *year_gte)) return false;
        if (available && d.available != available) return false;
        return true;
    }
    std::vector<FilterClause> clauses() const {
        std::vector<FilterClause> out;
        if (tag) out.push_back(FilterClause{"tags", {FilterValue(*tag)}, std::nullopt});
        if (year_gte) out.push_back(FilterClause{"year", {}, RangeBounds{std::nullopt, double(*year_gte), std::nullopt, std::nullopt}});
        if (available) out.push_back(FilterClause{"available", {FilterValue(*available)}, std::nullopt});
        return out;
    }
};

}  // namespace

TEST_CASE("facets and total: exact counts over the whole match set, against an oracle", "[facets]") {
    const auto& words = vocabulary();
    for (unsigned seed = 1; seed <= 8; ++seed) {
        std::mt19937 rng(seed);
        auto catalog = memory_catalog();
        auto collection = catalog->create(books_schema("f" + std::to_string(seed)));
        std::map<std::string, OracleDoc> docs;
        const int size = 40 + static_cast<int>(rng() % 160);
        for (int i = 0; i < size; ++i) {
            const std::string id = numbered("d", static_cast<long long>(rng() % (size * 3 / 4 + 1)));  // some replaced
            OracleDoc oracle;
            collection->upsert(id, random_doc(rng, id, oracle));
            docs[id] = oracle;
        }
        for (int r = 0; r < 6; ++r) {  // some removed
            const std::string id = numbered("d", static_cast<long long>(rng() % size));
            collection->remove(id);
            docs.erase(id);
        }
        for (int variant = 0; variant < 12; ++variant) {
            const int mode = variant % 3;  // 0 lexical, 1 dense, 2 hybrid
            SearchRequest request;
            std::vector<std::string> query_words;
            const bool all_words = rng() % 3 == 0;
            if (mode != 1) {
                const int n = 1 + static_cast<int>(rng() % 3);
                std::string query;
                for (int w = 0; w < n; ++w) {
                    query_words.push_back(words[rng() % words.size()]);
                    query += query_words.back() + " ";
                }
                request.query = query;
                if (all_words) request.op = MatchOperator::all;
            }
            std::vector<float> vector;
            if (mode != 0) {
                std::normal_distribution<double> normal;
                for (int d = 0; d < 4; ++d) vector.push_back(static_cast<float>(normal(rng)));
                request.vector = vector;
            }
            request.ef_search = 1000;
            request.k = 1 + rng() % 8;
            std::size_t window = request.k;
            if (mode == 2) {
                window = 5 + rng() % 20;
                request.fusion = RrfParams{60, window};
                window = std::max(window, request.k);
            }
            OracleFilter filter;
            if (rng() % 2) filter.tag = numbered("t", static_cast<long long>(rng() % 7));
            if (rng() % 3 == 0) filter.year_gte = 1995 + static_cast<std::int64_t>(rng() % 10);
            if (rng() % 4 == 0) filter.available = rng() % 2 == 0;
            request.filter = filter.clauses();
            request.total = true;
            const std::size_t tag_size = 1 + rng() % 5;
            const std::vector<FacetRange> year_ranges{{std::nullopt, 2000.0}, {1995.0, 2005.0}, {2000.0, std::nullopt}};
            const std::vector<FacetRange> price_ranges{{std::nullopt, 25.5}, {25.5, 70.0}, {50.0, std::nullopt}};
            request.facets = {FacetRequest{"tags", tag_size, {}}, FacetRequest{"year", std::nullopt, year_ranges},
                              FacetRequest{"year", 3, {}}, FacetRequest{"price", std::nullopt, price_ranges},
                              FacetRequest{"available", std::nullopt, {}}};

            // The oracle's match set.
            std::set<std::string> lexical, matched;
            for (const auto& [id, d] : docs) {
                if (mode == 1 || !filter.accepts(d)) continue;
                const auto& words = d.words;  // clang 14 cannot capture a structured binding
                const auto has = [&](const std::string& w) { return words.count(w) > 0; };
                if (all_words ? std::all_of(query_words.begin(), query_words.end(), has)
                              : std::any_of(query_words.begin(), query_words.end(), has))
                    lexical.insert(id);
            }
            matched = lexical;
            if (mode != 0) {
                std::vector<std::pair<double, std::string>> by_similarity;
                for (const auto& [id, d] : docs)
                    if (filter.accepts(d)) by_similarity.emplace_back(-cosine(d.vector, vector), id);
                std::sort(by_similarity.begin(), by_similarity.end());
                for (std::size_t i = 0; i < std::min(window, by_similarity.size()); ++i) matched.insert(by_similarity[i].second);
            }

            const auto response = collection->search(request);
            INFO("seed " << seed << " variant " << variant);
            REQUIRE(response.total);
            CHECK(response.total->lexical == lexical.size());
            CHECK(response.total->dense_window == (mode == 0 ? 0 : window));
            REQUIRE(response.facets);
            REQUIRE(response.facets->size() == 5);

            std::map<std::string, std::size_t> tags;
            std::map<std::int64_t, std::size_t> years;
            std::map<bool, std::size_t> available;
            std::vector<std::size_t> year_counts(3, 0), price_counts(3, 0);
            const auto in = [](double x, const FacetRange& r) { return (!r.gte || x >= *r.gte) && (!r.lt || x < *r.lt); };
            for (const auto& id : matched) {
                const auto& d = docs.at(id);
                for (const auto& tag : std::set<std::string>(d.tags.begin(), d.tags.end())) ++tags[tag];
                if (d.year) {
                    ++years[*d.year];
                    for (std::size_t i = 0; i < 3; ++i) year_counts[i] += in(double(*d.year), year_ranges[i]);
                }
                if (d.price)
                    for (std::size_t i = 0; i < 3; ++i) price_counts[i] += in(*d.price, price_ranges[i]);
                if (d.available) ++available[*d.available];
            }
            const auto& facets = *response.facets;
            check_values(facets[0], tags, tag_size);
            check_values(facets[2], years, 3);
            check_values(facets[4], available, 10);
            for (std::size_t i = 0; i < 3; ++i) {
                CHECK(facets[1].buckets.at(i).count == year_counts[i]);
                CHECK(facets[1].buckets.at(i).range->gte == year_ranges[i].gte);
                CHECK(facets[3].buckets.at(i).count == price_counts[i]);
            }
            CHECK_FALSE(facets[1].other);
        }
    }
}

TEST_CASE("facets and total are absent unless asked, and total alone leaves hits unchanged", "[facets]") {
    auto catalog = memory_catalog();
    auto collection = books_collection(*catalog, 30);
    SearchRequest request;
    request.query = "river forest";
    request.k = 5;
    const auto plain = collection->search(request);
    CHECK_FALSE(plain.total);
    CHECK_FALSE(plain.facets);
    request.total = true;
    const auto counted = collection->search(request);
    CHECK(ids(counted) == ids(plain));
    REQUIRE(counted.total);
    CHECK(counted.total->lexical >= counted.hits.size());
}

TEST_CASE("facets: each bad facet is invalid_request naming its path", "[facets]") {
    auto catalog = memory_catalog();
    auto collection = books_collection(*catalog, 5);
    const auto expect = [&](FacetRequest facet, const std::string& path) {
        SearchRequest request;
        request.query = "river";
        request.facets = {std::move(facet)};
        try {
            collection->search(request);
            FAIL("no error for " << path);
        } catch (const braid::Error& e) {
            CHECK(e.type() == "invalid_request");
            CHECK(e.path() == path);
        }
    };
    expect({"nope", 3, {}}, "facets.nope");
    expect({"title", 3, {}}, "facets.title");
    expect({"tags", 0, {}}, "facets.tags.size");
    expect({"tags", 1001, {}}, "facets.tags.size");
    expect({"price", 3, {}}, "facets.price.size");
    expect({"price", std::nullopt, {}}, "facets.price");
    expect({"tags", std::nullopt, {{std::nullopt, 3.0}}}, "facets.tags.ranges");
    expect({"available", std::nullopt, {{std::nullopt, 3.0}}}, "facets.available.ranges");
    expect({"year", std::nullopt, {{1.0, 2.0}, {std::nullopt, std::nullopt}}}, "facets.year.ranges[1]");
    expect({"year", std::nullopt, {{5.0, 5.0}}}, "facets.year.ranges[0]");
    expect({"year", 3, {{5.0, 6.0}}}, "facets.year");
}

TEST_CASE("facets are refused on a shard naming the member, and total is counted there", "[facets]") {
    const auto registry = braid::analyzers::AnalyzerRegistry::with_builtins();
    LocalCollection shard(books_schema(), registry);
    SearchRequest request;
    request.query = "river";
    request.mode = SearchMode::lexical;
    request.total = true;
    CHECK_NOTHROW(shard.shard_statistics(request));
    request.facets = {FacetRequest{"tags", 3, {}}};
    try {
        shard.shard_statistics(request);
        FAIL("no error for facets");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "unsupported_on_shards");
        CHECK(e.path() == "facets");
    }
}
