// The shipped static model reproduces the figure its README states: exact cosine search over
// SciFact (title + " " + text), the 300 test queries, nDCG@10 = 0.4761 as eval/ (trec_eval)
// computes it. The model and the data live beside the repository in ../shared; without them the
// test reports itself skipped.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "eval/beir_files.hpp"
#include "eval/metrics.hpp"
#include "eval/qrels.hpp"
#include "inference/static_embedder.hpp"
#include "tests/support/skip.hpp"

namespace {

const std::filesystem::path kShared = std::filesystem::path(BRAID_SOURCE_DIR) / ".." / "shared";

}  // namespace

TEST_CASE("the shipped scifact-static-256 model reproduces its README's nDCG@10", "[inference][scifact]") {
    const auto model_dir = kShared / "models" / "scifact-static-256";
    const auto data_dir = kShared / "datasets" / "scifact";
    if (!std::filesystem::exists(model_dir / "model.safetensors") || !std::filesystem::exists(data_dir / "corpus.jsonl")) {
        BRAID_SKIP(model_dir.string() + " or " + data_dir.string() + " is absent");
    }
    braid::inference::EmbedderOptions options;
    options.batch_size = 512;
    options.max_concurrency = 2;
    const braid::inference::StaticEmbedder model(model_dir, options);
    REQUIRE(model.native_dimensions() == 256);
    REQUIRE(model.normalizes());
    REQUIRE(model.tokenizer().vocabulary_size() == 18850);

    const braid::eval::BeirFolder folder{data_dir};
    std::vector<std::string> doc_ids, doc_texts;
    for (const auto& doc : braid::eval::load_corpus(folder.corpus())) {
        doc_ids.push_back(doc.id);
        doc_texts.push_back(doc.title + " " + doc.text);
    }
    const auto qrels = braid::eval::load_qrels(folder.qrels());
    const auto queries = braid::eval::judged_queries(braid::eval::load_queries(folder.queries()), qrels);
    REQUIRE(doc_ids.size() == 5183);
    REQUIRE(queries.size() == 300);

    const auto doc_vectors = model.embed(doc_texts, braid::inference::EmbedRole::document);
    braid::eval::Runs runs;
    for (const auto& query : queries) {
        const auto q = model.embed_one(query.text, braid::inference::EmbedRole::query);
        auto& run = runs[query.id];
        run.reserve(doc_ids.size());
        for (std::size_t d = 0; d < doc_ids.size(); ++d) {
            run.push_back({doc_ids[d], std::inner_product(q.begin(), q.end(), doc_vectors[d].begin(), 0.0f)});
        }
    }
    const double ndcg = braid::eval::evaluate(runs, qrels, {10, 100}).ndcg;
    WARN("scifact-static-256 dense nDCG@10 = " << ndcg << " (README: 0.4761)");
    // The README's reference tokenizer approximates BertPreTokenizer, so a faithful one may land
    // a few thousandths away.
    CHECK(std::abs(ndcg - 0.4761) <= 0.005);
}
