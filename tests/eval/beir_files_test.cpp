// Reading BEIR folders: qrels, queries (with vectors from a second file), corpus, embeddings.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/error.hpp"
#include "eval/beir_files.hpp"
#include "eval/qrels.hpp"
#include "tests/support/temp_dir.hpp"

using braid::test_support::TempDir;

namespace {

// The message of the braid::Error `parse` throws; fails the test when it throws nothing.
template <class Parse>
std::string error_of(Parse&& parse) {
    try {
        parse();
    } catch (const braid::Error& error) {
        return error.what();
    }
    FAIL("no braid::Error");
    return {};
}

braid::eval::Qrels qrels_of(const std::string& text) {
    std::istringstream in(text);
    return braid::eval::read_qrels(in, "test.tsv");
}

}  // namespace

TEST_CASE("qrels: BEIR's header, CRLF, blank lines and graded scores", "[qrels]") {
    const auto qrels = qrels_of("query-id\tcorpus-id\tscore\n1\td1\t1\r\n1\td2\t2\n\n3\td9\t0\n3\td8\t-1\n");
    REQUIRE(qrels.size() == 2);
    CHECK(qrels.at("1").size() == 2);
    CHECK(qrels.at("1").at("d1") == 1);
    CHECK(qrels.at("1").at("d2") == 2);
    CHECK(qrels.at("3").at("d9") == 0);
    CHECK(qrels.at("3").at("d8") == -1);
    CHECK(qrels_of("7\td7\t1\n").at("7").at("d7") == 1);  // no header
    CHECK(qrels_of("7\td7\t1\tignored\n").at("7").at("d7") == 1);
}

TEST_CASE("qrels: a bad line is an error naming the file and line", "[qrels]") {
    const auto message = [](const std::string& text) { return error_of([&] { qrels_of(text); }); };
    CHECK(message("query-id\tcorpus-id\tscore\n1\td1\tmany\n") == "test.tsv:2: score \"many\" is not an integer");
    CHECK(message("1\td1\t1.5\n") == "test.tsv:1: score \"1.5\" is not an integer");
    CHECK(message("1\td1\t\n") == "test.tsv:1: score \"\" is not an integer");
    CHECK(message("1\td1\t1\n1 d2 1\n") == "test.tsv:2: expected query-id<TAB>corpus-id<TAB>integer score");
    CHECK(message("1\td1\n") == "test.tsv:1: expected query-id<TAB>corpus-id<TAB>integer score");
    CHECK(message("1\td1\t1\tx\ty\n") == "test.tsv:1: expected query-id<TAB>corpus-id<TAB>integer score");
    CHECK(message("\td1\t1\n") == "test.tsv:1: empty query or corpus id");
    // The header is only allowed as the first line.
    CHECK(message("1\td1\t1\nquery-id\tcorpus-id\tscore\n") == "test.tsv:2: score \"score\" is not an integer");
    try {
        qrels_of("1\td1\tx\n");
    } catch (const braid::Error& error) {
        CHECK(error.kind() == braid::ErrorKind::invalid_argument);
        CHECK(error.type() == "invalid_dataset");
    }
}

TEST_CASE("qrels: an unreadable file is an io error", "[qrels]") {
    const TempDir dir("braid-eval");
    CHECK_THROWS_AS(braid::eval::load_qrels(dir / "missing.tsv"), braid::Error);
    const auto file = dir.write("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq\td\t1\n");
    CHECK(braid::eval::load_qrels(file).at("q").at("d") == 1);
    CHECK(braid::eval::BeirFolder{dir.path()}.qrels() == file);
}

TEST_CASE("queries: file order, vectors from the line or from a second file", "[queries]") {
    const TempDir dir("braid-eval");
    const auto queries_file = dir.write("queries.jsonl",
                                        "{\"_id\":\"1\",\"text\":\"first\"}\n\n"
                                        "{\"_id\":2,\"text\":\"second\",\"embedding\":[1,2]}\n"
                                        "{\"_id\":\"3\",\"text\":\"third\"}\n");
    const auto vectors_file = dir.write("queries.v.jsonl",
                                        "{\"_id\":\"2\",\"embedding\":[0.5,1]}\n{\"_id\":\"9\",\"embedding\":[3]}\n");
    const auto plain = braid::eval::load_queries(queries_file);
    REQUIRE(plain.size() == 3);
    CHECK(plain[0].id == "1");
    CHECK(plain[0].text == "first");
    CHECK_FALSE(plain[0].vector);
    REQUIRE(plain[1].vector);
    CHECK(*plain[1].vector == std::vector<float>{1.0f, 2.0f});

    const auto loaded = braid::eval::load_queries(queries_file, vectors_file);
    REQUIRE(loaded.size() == 3);
    CHECK(loaded[1].id == "2");
    CHECK(*loaded[1].vector == std::vector<float>{0.5f, 1.0f});
    CHECK_FALSE(loaded[2].vector);

    const braid::eval::Qrels qrels{{"3", {{"d", 1}}}, {"1", {{"d", 1}}}};
    const auto judged = braid::eval::judged_queries(loaded, qrels);
    REQUIRE(judged.size() == 2);
    CHECK(judged[0].id == "1");
    CHECK(judged[1].id == "3");
}

TEST_CASE("queries: bad lines name the file and line", "[queries]") {
    const TempDir dir("braid-eval");
    const auto bad = [&](const std::string& text) {
        const auto file = dir.write("bad.jsonl", text);
        return error_of([&] { braid::eval::load_queries(file); });
    };
    CHECK(bad("{\"text\":\"no id\"}\n") == (dir / "bad.jsonl").string() + ":1: missing \"_id\"");
    CHECK(bad("{\"_id\":\"1\"}\nnot json\n") == (dir / "bad.jsonl").string() + ":2: not a JSON object");
    CHECK(bad("{\"_id\":\"1\",\"embedding\":[1,\"x\"]}\n") ==
          (dir / "bad.jsonl").string() + ":1: \"embedding\" is not an array of numbers");
    CHECK_THROWS_AS(braid::eval::load_queries(dir / "missing.jsonl"), braid::Error);
}

TEST_CASE("corpus and embeddings load in file order", "[corpus]") {
    const TempDir dir("braid-eval");
    const braid::eval::BeirFolder folder{dir.path()};
    dir.write("corpus.jsonl", "{\"_id\":\"4983\",\"title\":\"T\",\"text\":\"body\",\"metadata\":{}}\n{\"_id\":\"7\",\"text\":\"x\"}\n");
    const auto corpus = braid::eval::load_corpus(folder.corpus());
    REQUIRE(corpus.size() == 2);
    CHECK(corpus[0].id == "4983");
    CHECK(corpus[0].title == "T");
    CHECK(corpus[0].text == "body");
    CHECK(corpus[1].title.empty());

    dir.write("corpus.tiny.jsonl", "{\"_id\":\"a\",\"title\":\"t\",\"embedding\":[1,0,0.5]}\n{\"_id\":\"b\",\"embedding\":[0,1,-1]}\n");
    const auto vectors = braid::eval::load_embeddings(folder.corpus_vectors("tiny"));
    REQUIRE(vectors.size() == 2);
    CHECK(vectors.dimension == 3);
    CHECK(vectors.ids == std::vector<std::string>{"a", "b"});
    CHECK(vectors.row(1)[2] == -1.0f);

    dir.write("ragged.jsonl", "{\"_id\":\"a\",\"embedding\":[1,0]}\n{\"_id\":\"b\",\"embedding\":[0,1,2]}\n");
    CHECK(error_of([&] { braid::eval::load_embeddings(dir / "ragged.jsonl"); }) ==
          (dir / "ragged.jsonl").string() + ":2: embedding of dimension 3, expected 2");
    dir.write("none.jsonl", "{\"_id\":\"a\"}\n");
    CHECK(error_of([&] { braid::eval::load_embeddings(dir / "none.jsonl"); }) ==
          (dir / "none.jsonl").string() + ":1: missing \"embedding\"");
}
