// Hidden quality check of the engine's query planning on SciFact (BEIR test split), without HTTP:
//   build-engine/tests/test_engine "[.scifact_quality]"
// Prints nDCG@10 for lexical, dense, RRF (k 60, window 100) and linear (alpha 0.7, minmax).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

const std::string kScifact = "/work/shared/datasets/scifact/";

struct Query {
    std::string id, text;
    std::vector<float> vector;
};

double ndcg_at_10(const std::vector<std::string>& ranked, const std::map<std::string, int>& relevant) {
    double dcg = 0, ideal = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(10, ranked.size()); ++i) {
        const auto it = relevant.find(ranked[i]);
        if (it != relevant.end()) dcg += (std::pow(2.0, it->second) - 1) / std::log2(double(i) + 2);
    }
    std::vector<int> grades;
    for (const auto& [doc, grade] : relevant) grades.push_back(grade);
    std::sort(grades.rbegin(), grades.rend());
    for (std::size_t i = 0; i < std::min<std::size_t>(10, grades.size()); ++i)
        ideal += (std::pow(2.0, grades[i]) - 1) / std::log2(double(i) + 2);
    return ideal > 0 ? dcg / ideal : 0;
}

}  // namespace

TEST_CASE("SciFact nDCG@10 through the engine", "[.scifact_quality]") {
    auto registry = analyzers::AnalyzerRegistry::with_builtins();
    analyzers::AnalyzerSpec en;
    en.tokenizer = "icu";
    en.filters = {{"nfkc_casefold", "", {}, 0, 0}, {"stop", "english", {}, 0, 0}, {"stem", "porter", {}, 0, 0}};
    registry.add("en", en);
    Catalog catalog(CatalogOptions{}, registry);
    config::CollectionConfig schema;
    schema.name = "scifact";
    schema.id_field = "_id";
    schema.fields = {{"title", config::FieldType::text, "en"}, {"text", config::FieldType::text, "en"}};
    config::VectorConfig vector;
    vector.dimension = 256;
    schema.vector = vector;
    auto collection = catalog.create(schema);

    std::ifstream corpus(kScifact + "corpus.lsa256.jsonl");
    REQUIRE(corpus);
    std::stringstream body;
    body << corpus.rdbuf();
    REQUIRE(collection->bulk(body.str()).failed == 0);

    std::map<std::string, std::map<std::string, int>> qrels;
    std::ifstream qrels_file(kScifact + "qrels/test.tsv");
    std::string line;
    std::getline(qrels_file, line);  // header
    while (std::getline(qrels_file, line)) {
        std::istringstream fields(line);
        std::string query, doc;
        int grade = 0;
        fields >> query >> doc >> grade;
        qrels[query][doc] = grade;
    }
    std::vector<Query> queries;
    std::ifstream queries_file(kScifact + "queries.lsa256.jsonl");
    while (std::getline(queries_file, line)) {
        const auto q = boost::json::parse(line).as_object();
        const std::string id(q.at("_id").as_string());
        if (!qrels.contains(id)) continue;
        Query query{id, std::string(q.at("text").as_string()), {}};
        for (const auto& x : q.at("embedding").as_array()) query.vector.push_back(float(x.to_number<double>()));
        queries.push_back(std::move(query));
    }
    REQUIRE(queries.size() == qrels.size());

    const auto evaluate = [&](const std::function<void(SearchRequest&, const Query&)>& setup) {
        double total = 0;
        for (const auto& query : queries) {
            SearchRequest request;
            request.k = 10;
            setup(request, query);
            total += ndcg_at_10(ids(collection->search(request)), qrels[query.id]);
        }
        return total / double(queries.size());
    };
    const double lexical = evaluate([](SearchRequest& r, const Query& q) { r.query = q.text; });
    const double dense = evaluate([](SearchRequest& r, const Query& q) { r.vector = q.vector; });
    const double rrf = evaluate([](SearchRequest& r, const Query& q) {
        r.query = q.text;
        r.vector = q.vector;
    });
    const double linear = evaluate([](SearchRequest& r, const Query& q) {
        r.query = q.text;
        r.vector = q.vector;
        r.fusion = LinearParams{.alpha = 0.7};
    });
    std::printf("SciFact test (%zu queries) nDCG@10: lexical %.4f  dense %.4f  rrf(k60,w100) %.4f  "
                "linear(a0.7,minmax,w100) %.4f\n",
                queries.size(), lexical, dense, rrf, linear);
    CHECK(lexical >= 0.670);
    CHECK(std::abs(rrf - 0.612) <= 0.01);
    CHECK(linear >= 0.68);
}
