#pragma once
// A BEIR folder (https://github.com/beir-cellar/beir): corpus.jsonl ({"_id","title","text"}),
// queries.jsonl ({"_id","text"}), qrels/<split>.tsv, and beside them, as in the shared SciFact
// copy, embeddings as JSON lines with "_id" and "embedding" (corpus.lsa256.jsonl,
// queries.lsa256.jsonl; those lines also repeat the other members).
// Every reader throws braid::Error(io) for an unreadable file and
// braid::Error(invalid_argument, "invalid_dataset") naming file:line for a bad line.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "eval/qrels.hpp"

namespace braid::eval {

struct BeirFolder {
    std::filesystem::path dir;

    std::filesystem::path corpus() const { return dir / "corpus.jsonl"; }
    std::filesystem::path queries() const { return dir / "queries.jsonl"; }
    std::filesystem::path qrels(const std::string& split = "test") const { return dir / "qrels" / (split + ".tsv"); }
    // corpus.<name>.jsonl / queries.<name>.jsonl, e.g. name "lsa256".
    std::filesystem::path corpus_vectors(const std::string& name) const { return dir / ("corpus." + name + ".jsonl"); }
    std::filesystem::path query_vectors(const std::string& name) const { return dir / ("queries." + name + ".jsonl"); }
};

struct Query {
    std::string id;
    std::string text;
    std::optional<std::vector<float>> vector;
};

struct CorpusDocument {
    std::string id;
    std::string title;
    std::string text;
};

// Row-major vectors with their ids, all of one dimension.
struct Embeddings {
    std::size_t dimension = 0;
    std::vector<std::string> ids;
    std::vector<float> rows;

    std::size_t size() const { return ids.size(); }
    const float* row(std::size_t i) const { return rows.data() + i * dimension; }
};

// Queries in file order; an "embedding" member becomes the query's vector. `vectors_file` (lines
// with "_id" and "embedding") supplies or replaces the vectors of the queries it names.
std::vector<Query> load_queries(const std::filesystem::path& queries_file,
                                const std::optional<std::filesystem::path>& vectors_file = {});
// Documents in file order; a missing title or text is empty.
std::vector<CorpusDocument> load_corpus(const std::filesystem::path& corpus_file);
// "_id" and "embedding" of every line; a line without an embedding, or of another dimension, is bad.
Embeddings load_embeddings(const std::filesystem::path& file);

// Keeps the queries that have judgments in `qrels`, in their order.
std::vector<Query> judged_queries(std::vector<Query> queries, const Qrels& qrels);

}  // namespace braid::eval
