#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine_fixture.hpp"

using braid::Error;
using braid::ErrorKind;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

constexpr int kBooks = 300;

std::shared_ptr<Collection> shared_books() {
    static auto catalog = memory_catalog();
    static auto books = books_collection(*catalog, kBooks);
    return books;
}

ErrorKind error_of(const std::function<void()>& fn, std::string* path = nullptr, std::string* type = nullptr) {
    try {
        fn();
    } catch (const Error& e) {
        if (path) *path = e.path();
        if (type) *type = e.type();
        return e.kind();
    }
    FAIL("no braid::Error thrown");
    return ErrorKind::internal;
}

bool mentions(const boost::json::object& doc, const std::string& word) {
    const std::string text = std::string(doc.at("title").as_string()) + " " + std::string(doc.at("body").as_string());
    return text.find(word) != std::string::npos;
}

using Tokens = std::vector<std::pair<std::string, std::vector<std::string>>>;

Tokens tokens_of(const SearchExplanation& explain) {
    Tokens out;
    for (const auto& field : explain.query_tokens) out.emplace_back(field.field, field.terms);
    return out;
}

SearchRequest lexical(const std::string& query, std::size_t k = 10, std::size_t offset = 0) {
    SearchRequest r;
    r.query = query;
    r.k = k;
    r.offset = offset;
    return r;
}

SearchRequest hybrid(const std::string& query, int near, std::size_t k = 10, std::size_t offset = 0) {
    SearchRequest r = lexical(query, k, offset);
    r.vector = book_vector(near);
    return r;
}

}  // namespace

TEST_CASE("lexical search finds the documents that mention a word, stemmed", "[search]") {
    auto books = shared_books();
    const auto response = books->search(lexical("rivers", 1000));
    std::set<std::string> expected;
    for (int i = 0; i < kBooks; ++i)
        if (mentions(book(i), "river")) expected.insert(numbered("b", i));
    REQUIRE_FALSE(expected.empty());
    const auto got = ids(response);
    CHECK(std::set<std::string>(got.begin(), got.end()) == expected);
    CHECK_FALSE(response.fusion);
    for (std::size_t i = 0; i < response.hits.size(); ++i) {
        REQUIRE(response.hits[i].lexical);
        CHECK(response.hits[i].lexical->rank == i + 1);
        CHECK(response.hits[i].score == Approx(response.hits[i].lexical->score));
        CHECK_FALSE(response.hits[i].dense);
        if (i > 0) CHECK(response.hits[i - 1].score >= response.hits[i].score);
    }
    CHECK(response.took_ms >= 0);
}

TEST_CASE("a fields map searches only the named text fields", "[search]") {
    auto books = shared_books();
    SearchRequest r = lexical("glacier", 1000);
    r.fields = {{"title", 2.0}};
    for (const auto& hit : books->search(r).hits) {
        const std::string title(hit.document.at("title").as_string());
        CHECK(title.find("glacier") != std::string::npos);
    }
}

TEST_CASE("dense search ranks the query's own vector first", "[search]") {
    auto books = shared_books();
    SearchRequest r;
    r.vector = book_vector(42);
    r.k = 5;
    const auto response = books->search(r);
    REQUIRE(response.hits.size() == 5);
    CHECK(response.hits[0].id == "b42");
    CHECK(response.hits[0].dense->score == Approx(1.0).epsilon(1e-4));
    CHECK_FALSE(response.fusion);
    CHECK_FALSE(response.hits[0].lexical);
}

TEST_CASE("filters restrict lexical, dense and hybrid searches", "[search][filter]") {
    auto books = shared_books();
    struct Case {
        std::string name;
        std::vector<FilterClause> filter;
        std::function<bool(const boost::json::object&)> accepts;
    };
    const auto has_tag = [](const boost::json::object& d, const std::string& t) {
        for (const auto& v : d.at("tags").as_array())
            if (v.as_string() == t) return true;
        return false;
    };
    std::vector<Case> cases{
        {"keyword any-of", {FilterClause{"tags", {std::string("t1"), std::string("u4")}, std::nullopt}},
         [&](const boost::json::object& d) { return has_tag(d, "t1") || has_tag(d, "u4"); }},
        {"integer range", {FilterClause{"year", {}, RangeBounds{std::nullopt, 2005.0, 2010.0, std::nullopt}}},
         [](const boost::json::object& d) { return d.at("year").as_int64() >= 2005 && d.at("year").as_int64() < 2010; }},
        {"integer any-of", {FilterClause{"year", {std::int64_t{2003}, std::int64_t{2017}}, std::nullopt}},
         [](const boost::json::object& d) { return d.at("year").as_int64() == 2003 || d.at("year").as_int64() == 2017; }},
        {"float range", {FilterClause{"price", {}, RangeBounds{3.0, std::nullopt, std::nullopt, 9.0}}},
         [](const boost::json::object& d) { return d.at("price").to_number<double>() > 3.0 && d.at("price").to_number<double>() <= 9.0; }},
        {"float any-of (a value or a list, equal numbers)", {FilterClause{"price", {4.5, std::int64_t{12}}, std::nullopt}},
         [](const boost::json::object& d) { return d.at("price").to_number<double>() == 4.5 || d.at("price").to_number<double>() == 12.0; }},
        {"bool and keyword", {FilterClause{"available", {true}, std::nullopt}, FilterClause{"tags", {std::string("t2")}, std::nullopt}},
         [&](const boost::json::object& d) { return d.at("available").as_bool() && has_tag(d, "t2"); }},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            std::set<std::string> allowed, allowed_mentioning;
            for (int i = 0; i < kBooks; ++i) {
                if (!c.accepts(book(i))) continue;
                allowed.insert(numbered("b", i));
                if (mentions(book(i), "forest")) allowed_mentioning.insert(numbered("b", i));
            }
            REQUIRE(allowed.size() > 5);
            REQUIRE(allowed.size() < kBooks);

            SearchRequest lex = lexical("forest", 1000);
            lex.filter = c.filter;
            const auto lex_ids = ids(books->search(lex));
            CHECK(std::set<std::string>(lex_ids.begin(), lex_ids.end()) == allowed_mentioning);

            SearchRequest dense;
            dense.vector = book_vector(7);
            dense.k = 1000;
            dense.filter = c.filter;
            dense.explain = true;
            const auto dense_response = books->search(dense);
            const auto dense_ids = ids(dense_response);
            CHECK(std::set<std::string>(dense_ids.begin(), dense_ids.end()) == allowed);
            REQUIRE(dense_response.explain);
            REQUIRE(dense_response.explain->dense);
            CHECK(dense_response.explain->dense->exact);
            CHECK(dense_response.explain->dense->allowed_count == allowed.size());

            SearchRequest both = hybrid("forest", 7, 50);
            both.filter = c.filter;
            for (const auto& id : ids(books->search(both))) CHECK(allowed.contains(id));
        }
    }
}

TEST_CASE("bad filters name the filter member", "[search][filter][validation]") {
    auto books = shared_books();
    std::string path, type;
    SearchRequest r = lexical("forest");
    r.filter = {FilterClause{"colour", {std::string("red")}, std::nullopt}};
    CHECK(error_of([&] { books->search(r); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(path == "filter.colour");
    CHECK(type == "invalid_filter");
    r.filter = {FilterClause{"year", {std::string("2010")}, std::nullopt}};
    CHECK(error_of([&] { books->search(r); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "filter.year");
    r.filter = {FilterClause{"tags", {}, RangeBounds{1.0, {}, {}, {}}}};
    CHECK(error_of([&] { books->search(r); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "filter.tags");
    r.filter = {FilterClause{"available", {std::string("yes")}, std::nullopt}};
    CHECK(error_of([&] { books->search(r); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "filter.available");
    r.filter = {FilterClause{"title", {std::string("x")}, std::nullopt}};
    CHECK(error_of([&] { books->search(r); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "filter.title");
}

TEST_CASE("bad searches name the offending member", "[search][validation]") {
    auto books = shared_books();
    std::string path;
    CHECK(error_of([&] { books->search(SearchRequest{}); }) == ErrorKind::invalid_argument);

    SearchRequest r = lexical("forest");
    r.fields = {{"nope", 1.0}};
    CHECK(error_of([&] { books->search(r); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "fields.nope");
    r.fields = {{"year", 1.0}};
    CHECK(error_of([&] { books->search(r); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "fields.year");

    SearchRequest v;
    v.vector = std::vector<float>{1, 2, 3};
    CHECK(error_of([&] { books->search(v); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "vector");

    auto catalog = memory_catalog();
    auto plain = catalog->create(books_schema("plain", 0));
    v.vector = std::vector<float>{1, 2, 3, 4};
    CHECK(error_of([&] { plain->search(v); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "vector");

    // An unknown fusion method cannot be written down any more: the method is the params' type.
    SearchRequest f = hybrid("forest", 1);
    f.fusion = LinearParams{.alpha = 1.5};
    CHECK(error_of([&] { books->search(f); }, &path) == ErrorKind::invalid_argument);
    CHECK(path == "fusion.alpha");
}

TEST_CASE("k = 0 returns no hits", "[search]") {
    auto books = shared_books();
    CHECK(books->search(lexical("forest", 0)).hits.empty());
    CHECK(books->search(hybrid("forest", 3, 0)).hits.empty());
}

TEST_CASE("pages 1 to 3 concatenated equal one k = 30 search", "[search][pagination]") {
    auto books = shared_books();
    std::vector<std::pair<std::string, SearchRequest>> kinds;
    kinds.emplace_back("lexical", lexical("forest river ocean"));
    SearchRequest dense;
    dense.vector = book_vector(11);
    kinds.emplace_back("dense", dense);
    kinds.emplace_back("hybrid rrf", hybrid("forest river ocean", 11));
    SearchRequest linear = hybrid("forest river ocean", 11);
    linear.fusion = LinearParams{.alpha = 0.7};
    kinds.emplace_back("hybrid linear", linear);

    for (auto& [name, request] : kinds) {
        SECTION(name) {
            request.k = 30;
            request.offset = 0;
            const auto all = ids(books->search(request));
            REQUIRE(all.size() == 30);
            std::vector<std::string> paged;
            for (std::size_t page = 0; page < 3; ++page) {
                request.k = 10;
                request.offset = page * 10;
                const auto hits = ids(books->search(request));
                CHECK(hits.size() == 10);
                paged.insert(paged.end(), hits.begin(), hits.end());
            }
            CHECK(paged == all);
            CHECK(std::set<std::string>(paged.begin(), paged.end()).size() == paged.size());
        }
    }
}

TEST_CASE("a fusion window smaller than offset + k grows to cover the page", "[search][pagination]") {
    auto books = shared_books();
    SearchRequest r = hybrid("forest river ocean", 11, 10, 20);
    r.fusion = RrfParams{.window = 20};
    const auto page = books->search(r);
    CHECK(page.hits.size() == 10);
    REQUIRE(page.fusion);
    CHECK(braid::fusion::window(*page.fusion) == 30);
    r.fusion = LinearParams{.window = 20};
    CHECK(braid::fusion::window(*books->search(r).fusion) == 30);
}

TEST_CASE("hybrid search echoes every fusion parameter, defaults included", "[search][fusion]") {
    auto books = shared_books();
    SearchRequest r = hybrid("forest", 5);
    const auto rrf = books->search(r);
    REQUIRE(rrf.fusion);
    const auto* rrf_echo = std::get_if<RrfParams>(&*rrf.fusion);
    REQUIRE(rrf_echo);
    CHECK(rrf_echo->k == 60.0);
    CHECK(rrf_echo->window == 100);
    CHECK(rrf_echo->lexical_weight == 1.0);
    CHECK(rrf_echo->dense_weight == 1.0);
    REQUIRE_FALSE(rrf.hits.empty());
    for (const auto& hit : rrf.hits) {
        double sum = 0;
        if (hit.lexical) {
            CHECK(hit.lexical->contribution == Approx(1.0 / (60 + hit.lexical->rank)));
            sum += hit.lexical->contribution;
        }
        if (hit.dense) sum += hit.dense->contribution;
        CHECK(hit.score == Approx(sum));
    }

    r.fusion = LinearParams{};
    const auto linear = books->search(r);
    REQUIRE(linear.fusion);
    const auto* linear_echo = std::get_if<LinearParams>(&*linear.fusion);
    REQUIRE(linear_echo);
    CHECK(linear_echo->alpha == 0.5);
    CHECK(linear_echo->normalization == Normalization::minmax);
    CHECK(linear_echo->window == 100);
    CHECK(linear.hits.front().score <= 1.0 + 1e-9);

    r.fusion = LinearParams{.alpha = 0.7, .normalization = Normalization::zscore, .window = 40};
    const auto set = std::get<LinearParams>(*books->search(r).fusion);
    CHECK(set.alpha == 0.7);
    CHECK(set.normalization == Normalization::zscore);
    CHECK(set.window == 40);
}

TEST_CASE("explain shows the plan, the analyzed tokens, the dense mode and the BM25 terms", "[search][explain]") {
    auto books = shared_books();
    SearchRequest r = hybrid("Forests and rivers", 5);
    r.explain = true;
    const auto response = books->search(r);
    REQUIRE(response.explain);
    const auto& explain = *response.explain;
    CHECK(explain.plan == PlanKind::hybrid);
    CHECK(tokens_of(explain) == Tokens{{"*", {"forest", "river"}}});
    REQUIRE(explain.dense);
    CHECK_FALSE(explain.dense->exact);
    CHECK(explain.dense->ef_search >= 64);
    REQUIRE(explain.lexical);
    CHECK(explain.lexical->op == MatchOperator::any);

    bool some_terms = false;
    for (const auto& hit : response.hits) {
        REQUIRE(hit.explanation);
        double total = 0;
        for (const auto& term : hit.explanation->terms) {
            CHECK((term.term == "forest" || term.term == "river"));
            CHECK(term.tf >= 1);
            CHECK(term.idf > 0);
            CHECK(term.field_length > 0);
            total += term.score;
            some_terms = true;
        }
        if (hit.lexical) CHECK(total == Approx(hit.lexical->score).epsilon(1e-4));
    }
    CHECK(some_terms);

    SearchRequest by_field = lexical("Glaciers");
    by_field.fields = {{"title", 2.0}, {"body", 1.0}};
    by_field.explain = true;
    const auto fielded = books->search(by_field);
    CHECK(fielded.explain->plan == PlanKind::lexical);
    CHECK(tokens_of(*fielded.explain) == Tokens{{"title", {"glacier"}}, {"body", {"glacier"}}});
    CHECK_FALSE(fielded.explain->dense);
}

TEST_CASE("the AND operator requires every query term", "[search]") {
    auto books = shared_books();
    SearchRequest r = lexical("forest river", 1000);
    r.op = MatchOperator::all;
    const auto hits = books->search(r).hits;
    REQUIRE_FALSE(hits.empty());
    for (const auto& hit : hits) {
        CHECK(mentions(hit.document.as_object(), "forest"));
        CHECK(mentions(hit.document.as_object(), "river"));
    }
    CHECK(hits.size() < books->search(lexical("forest river", 1000)).hits.size());
}

TEST_CASE("empty collections, empty filters and stopword-only queries return no hits, not errors", "[search]") {
    auto catalog = memory_catalog();
    auto empty = catalog->create(books_schema());
    CHECK(empty->search(lexical("forest")).hits.empty());
    CHECK(empty->search(hybrid("forest", 1)).hits.empty());
    SearchRequest dense;
    dense.vector = book_vector(1);
    dense.explain = true;
    const auto response = empty->search(dense);
    CHECK(response.hits.empty());
    CHECK(response.explain->plan == PlanKind::dense);
    CHECK(response.explain->query_tokens.empty());
    CHECK_FALSE(response.explain->lexical);

    auto books = shared_books();
    SearchRequest none = hybrid("forest", 1);
    none.filter = {FilterClause{"year", {}, RangeBounds{{}, 3000.0, {}, {}}}};
    CHECK(books->search(none).hits.empty());

    // Only stopwords: the lexical side is empty and the dense side alone ranks.
    SearchRequest stopwords = hybrid("the and of", 9, 5);
    const auto hits = books->search(stopwords).hits;
    REQUIRE(hits.size() == 5);
    CHECK(hits[0].id == "b9");
    for (const auto& hit : hits) {
        CHECK_FALSE(hit.lexical);
        CHECK(hit.dense);
    }
}

TEST_CASE("the engine names a mistake with the same type as the http reader", "[search][validation]") {
    auto books = shared_books();
    std::string path, type;
    SearchRequest r = hybrid("forest", 1);
    r.fields = {{"title", -1.0}};
    CHECK(error_of([&] { books->search(r); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(path == "fields.title");
    CHECK(type == "invalid_boost");
    r.fields = {{"nope", 1.0}};
    CHECK(error_of([&] { books->search(r); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(type == "unknown_field");
    r.fields = {{"year", 1.0}};
    CHECK(error_of([&] { books->search(r); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(type == "unknown_field");
    r.fields.clear();
    r.fusion = RrfParams{.dense_weight = -1};
    CHECK(error_of([&] { books->search(r); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(path == "fusion.weights.dense");
    CHECK(type == "invalid_fusion");
    CHECK(error_of([&] { books->search(SearchRequest{}); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(type == "invalid_request");
    r.fusion.reset();
    r.ef_search = 0;
    CHECK(error_of([&] { books->search(r); }, &path, &type) == ErrorKind::invalid_argument);
    CHECK(path == "ef_search");
    CHECK(type == "invalid_request");
}
