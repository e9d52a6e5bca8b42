// Bulk lines are analyzed on several threads and applied in line order: the answer, the stored
// documents and the searches must be those of analysis on one thread.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include <boost/json/serialize.hpp>

#include "engine/parallel_analysis.hpp"
#include "engine_fixture.hpp"

using namespace braid;
using namespace braid::engine;
using namespace braid::engine::testing;

namespace {

// 2,500 lines (more than one batch): every 97th line broken JSON, every 89th a bad vector, every
// 50th a new version of an earlier id (the last line of an id wins).
std::string mixed_body() {
    std::string body;
    for (int i = 0; i < 2500; ++i) {
        if (i % 97 == 13) {
            body += "{\"id\": \"broken\", \n";
            continue;
        }
        auto doc = book(i);
        if (i % 89 == 7) doc["embedding"].as_array()[1] = "x";
        if (i % 50 == 49) {
            doc["id"] = numbered("b", i / 3);
            doc["title"] = "version of line " + std::to_string(i);
        }
        body += boost::json::serialize(doc) + "\n";
    }
    return body;
}

struct Outcome {
    BulkResult result;
    std::vector<std::string> documents;  // every stored document's text, id order
    std::vector<std::vector<std::string>> rankings;
};

Outcome ingest_with(std::size_t threads, const std::string& body) {
    set_analysis_threads(threads);
    auto catalog = memory_catalog();
    auto books = catalog->create(books_schema());
    Outcome outcome;
    outcome.result = books->bulk(body);
    set_analysis_threads(0);
    for (const auto& [id, text] : books->list_documents(std::nullopt, 10'000).documents) outcome.documents.push_back(text);
    for (const char* query : {"river", "forest meadow", "version line"}) {
        SearchRequest request;
        request.query = query;
        request.k = 20;
        outcome.rankings.push_back(ids(books->search(request)));
    }
    return outcome;
}

}  // namespace

TEST_CASE("bulk analyzed on several threads answers as on one", "[bulk][parallel][concurrency]") {
    const std::string body = mixed_body();
    const Outcome one = ingest_with(1, body);
    const Outcome four = ingest_with(4, body);
    CHECK(one.result.failed > 40);  // the broken lines were really there
    CHECK(four.result.indexed == one.result.indexed);
    CHECK(four.result.failed == one.result.failed);
    REQUIRE(four.result.errors.size() == one.result.errors.size());
    for (std::size_t i = 0; i < one.result.errors.size(); ++i) {
        CHECK(four.result.errors[i].line == one.result.errors[i].line);
        CHECK(four.result.errors[i].type == one.result.errors[i].type);
        CHECK(four.result.errors[i].id == one.result.errors[i].id);
        CHECK(four.result.errors[i].path == one.result.errors[i].path);
    }
    CHECK(four.documents == one.documents);
    CHECK(four.rankings == one.rankings);
}

TEST_CASE("for_each_parallel calls every index once and rethrows a failure", "[parallel][concurrency]") {
    set_analysis_threads(3);
    std::vector<int> calls(1000, 0);
    for_each_parallel(calls.size(), [&](std::size_t i) { ++calls[i]; });
    CHECK(std::count(calls.begin(), calls.end(), 1) == 1000);
    CHECK_THROWS_WITH(for_each_parallel(100, [](std::size_t i) {
                          if (i == 57) throw std::runtime_error("line 57");
                      }),
                      "line 57");
    set_analysis_threads(0);
    CHECK(analysis_threads() >= 1);
}
