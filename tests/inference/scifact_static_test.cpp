// The shipped static model reproduces the figure its README states: exact cosine search over
// SciFact (title + " " + text), the 300 test queries, nDCG@10 = 0.4761. The model and the data
// live beside the repository in ../shared; without them the test says so and does nothing.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "inference/static_embedder.hpp"

namespace {

const std::filesystem::path kShared = std::filesystem::path(BRAID_SOURCE_DIR) / ".." / "shared";

std::string member(const boost::json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// trec_eval's ndcg_cut.10: gains are the qrels grades, ties broken by document id descending.
double ndcg_at_10(std::vector<std::pair<float, std::string>> scored, const std::map<std::string, int>& relevant) {
    const std::size_t k = std::min<std::size_t>(10, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(k), scored.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second > b.second;
    });
    double dcg = 0;
    for (std::size_t i = 0; i < k; ++i) {
        const auto it = relevant.find(scored[i].second);
        if (it != relevant.end()) dcg += it->second / std::log2(static_cast<double>(i) + 2);
    }
    std::vector<int> grades;
    for (const auto& [doc, grade] : relevant) grades.push_back(grade);
    std::sort(grades.rbegin(), grades.rend());
    double ideal = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(10, grades.size()); ++i) ideal += grades[i] / std::log2(static_cast<double>(i) + 2);
    return ideal > 0 ? dcg / ideal : 0;
}

}  // namespace

TEST_CASE("the shipped scifact-static-256 model reproduces its README's nDCG@10", "[inference][scifact]") {
    const auto model_dir = kShared / "models" / "scifact-static-256";
    const auto data_dir = kShared / "datasets" / "scifact";
    if (!std::filesystem::exists(model_dir / "model.safetensors") || !std::filesystem::exists(data_dir / "corpus.jsonl")) {
        WARN("skipped: " << model_dir.string() << " or " << data_dir.string() << " is absent");
        return;
    }
    braid::inference::EmbedderOptions options;
    options.batch_size = 512;
    options.max_concurrency = 2;
    const braid::inference::StaticEmbedder model(model_dir, options);
    REQUIRE(model.native_dimensions() == 256);
    REQUIRE(model.normalizes());
    REQUIRE(model.tokenizer().vocabulary_size() == 18850);

    std::vector<std::string> doc_ids, doc_texts;
    {
        std::ifstream in(data_dir / "corpus.jsonl");
        for (std::string line; std::getline(in, line);) {
            const auto o = boost::json::parse(line).as_object();
            doc_ids.push_back(member(o, "_id"));
            doc_texts.push_back(member(o, "title") + " " + member(o, "text"));
        }
    }
    std::map<std::string, std::map<std::string, int>> qrels;
    {
        std::ifstream in(data_dir / "qrels" / "test.tsv");
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string q, d;
            int grade = 0;
            if (fields >> q >> d >> grade) qrels[q][d] = grade;
        }
    }
    std::map<std::string, std::string> query_text;
    {
        std::ifstream in(data_dir / "queries.jsonl");
        for (std::string line; std::getline(in, line);) {
            const auto o = boost::json::parse(line).as_object();
            if (qrels.count(member(o, "_id"))) query_text[member(o, "_id")] = member(o, "text");
        }
    }
    REQUIRE(doc_ids.size() == 5183);
    REQUIRE(query_text.size() == 300);

    const auto doc_vectors = model.embed(doc_texts, braid::inference::EmbedRole::document);
    double total = 0;
    for (const auto& [qid, text] : query_text) {
        const auto q = model.embed_one(text, braid::inference::EmbedRole::query);
        std::vector<std::pair<float, std::string>> scored;
        scored.reserve(doc_ids.size());
        for (std::size_t d = 0; d < doc_ids.size(); ++d) {
            scored.emplace_back(std::inner_product(q.begin(), q.end(), doc_vectors[d].begin(), 0.0f), doc_ids[d]);
        }
        total += ndcg_at_10(std::move(scored), qrels[qid]);
    }
    const double ndcg = total / static_cast<double>(query_text.size());
    WARN("scifact-static-256 dense nDCG@10 = " << ndcg << " (README: 0.4761)");
    // The README's reference tokenizer approximates BertPreTokenizer, so a faithful one may land
    // a few thousandths away.
    CHECK(std::abs(ndcg - 0.4761) <= 0.005);
}
