// Equal scores are ordered by id on every side (lexical, dense, hybrid), whatever order the
// documents were written in: a re-PUT gives a document a new internal number, which must not move
// it among its equals. The expected rankings are computed here by brute force (BM25's term
// frequency part, exact cosine, RRF over those rankings) and compared for every k and offset.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/e2e/fusion_oracle.hpp"

namespace braid::e2e {
namespace {

using test_support::corpus_ndjson;
using test_support::embedding_of;
using test_support::json_of;
using test_support::TempDir;
using test_support::test_config;

constexpr double kK1 = 1.2, kB = 0.75;
constexpr int kDocs = 30;

// Three texts and three vectors: documents sharing one score exactly, in groups.
const char* text_of_group(int g) {
    static const char* texts[] = {"apple banana", "apple", "apple apple"};
    return texts[g];
}
std::vector<double> vector_of_group(int g) {
    static const std::vector<std::vector<double>> vectors = {{0.0, 1.0}, {1.0, 1.0}, {1.0, 0.0}};
    return vectors[g];
}
int lexical_group(int i) { return i % 3; }
int dense_group(int i) { return (i / 3) % 3; }

// Ids whose order differs from the order of writing.
std::string tie_id(int i) { return numbered("t", (i * 7) % kDocs); }

json::object tie_doc(int i) {
    json::array v;
    for (double x : vector_of_group(dense_group(i))) v.push_back(x);
    return {{"t", text_of_group(lexical_group(i))}, {"embedding", v}};
}

// Ranked by score (descending), then id.
std::vector<SideHit> ranked(std::vector<SideHit> hits) {
    std::sort(hits.begin(), hits.end(), [](const SideHit& a, const SideHit& b) {
        return a.score != b.score ? a.score > b.score : a.id < b.id;
    });
    return hits;
}

// BM25 for the one-term query "apple": idf is the same for every document, so the order is the
// order of the term-frequency part.
std::vector<SideHit> lexical_oracle() {
    double total_length = 0;
    for (int i = 0; i < kDocs; ++i) total_length += lexical_group(i) == 1 ? 1 : 2;
    const double avgdl = total_length / kDocs;
    std::vector<SideHit> hits;
    for (int i = 0; i < kDocs; ++i) {
        const int g = lexical_group(i);
        const double tf = g == 2 ? 2 : 1, dl = g == 1 ? 1 : 2;
        hits.push_back({tie_id(i), tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * dl / avgdl))});
    }
    return ranked(hits);
}

std::vector<SideHit> dense_oracle(const std::vector<double>& query) {
    std::vector<SideHit> hits;
    for (int i = 0; i < kDocs; ++i) hits.push_back({tie_id(i), cosine(vector_of_group(dense_group(i)), query)});
    return ranked(hits);
}

std::vector<std::string> ids_of(const std::vector<SideHit>& hits, std::size_t offset, std::size_t k) {
    std::vector<std::string> out;
    for (std::size_t i = offset; i < std::min(hits.size(), offset + k); ++i) out.push_back(hits[i].id);
    return out;
}

}  // namespace

TEST_CASE("equal scores are ordered by id on every side, also after re-PUTs", "[e2e][search][ties]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    auto server = std::make_unique<test_support::BraidServer>(config);
    auto c = std::make_unique<Client>("127.0.0.1", server->port());
    REQUIRE(c->request("PUT", "/collections/ties",
                       R"({"fields":{"t":{"type":"text","analyzer":"standard"}},"bm25":{"k1":1.2,"b":0.75},)"
                       R"("vector":{"field":"embedding","dimension":2,"metric":"cosine","index":{"type":"flat"}}})")
                .status == 201);
    for (int i = 0; i < kDocs; ++i)
        REQUIRE(c->request("PUT", "/collections/ties/documents/" + tie_id(i), json::serialize(tie_doc(i))).status == 201);
    // Re-PUT every other document in descending id order: the newest internal numbers now go to
    // the lowest ids, the reverse of the order the answers must give.
    std::map<std::string, int, std::greater<>> by_id;
    for (int i = 0; i < kDocs; ++i) by_id[tie_id(i)] = i;
    int n = 0;
    for (const auto& [id, i] : by_id)
        if (n++ % 2 == 0) REQUIRE(c->request("PUT", "/collections/ties/documents/" + id, json::serialize(tie_doc(i))).status == 200);

    const std::vector<double> query_vector{1.0, 0.3};
    json::array query_json{1.0, 0.3};
    const auto lexical = lexical_oracle();
    const auto dense = dense_oracle(query_vector);
    const auto hybrid = rrf_oracle(lexical, dense, 60, 100, 1.0, 1.0);
    std::vector<SideHit> hybrid_hits;
    for (const auto& hit : hybrid) hybrid_hits.push_back({hit.id, hit.score});

    const auto check_all = [&](const char* when) {
        for (std::size_t offset : {0u, 4u}) {
            for (std::size_t k = 1; k <= kDocs; ++k) {
                INFO(when << ": k " << k << ", offset " << offset);
                json::object base{{"k", k}, {"offset", offset}};
                json::object lex = base, den = base, hyb = base;
                lex["query"] = "apple";
                den["vector"] = query_json;
                hyb["query"] = "apple";
                hyb["vector"] = query_json;
                CHECK(hit_ids(search_ok(*c, lex, "ties")) == ids_of(lexical, offset, k));
                CHECK(hit_ids(search_ok(*c, den, "ties")) == ids_of(dense, offset, k));
                CHECK(hit_ids(search_ok(*c, hyb, "ties")) == ids_of(hybrid_hits, offset, k));
            }
        }
    };
    check_all("after re-PUTs");
    // The same after a restart (from the snapshot written at shutdown).
    c.reset();
    REQUIRE(server->terminate() == 0);
    server = std::make_unique<test_support::BraidServer>(config);
    c = std::make_unique<Client>("127.0.0.1", server->port());
    check_all("after a restart");
}

}  // namespace braid::e2e
