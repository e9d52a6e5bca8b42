#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "core/error.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/posting_cursor.hpp"
#include "lexical/posting_list.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;
using braid::lexical::test::query_of;
using braid::lexical::test::words;

namespace {

std::vector<FieldTokens> doc_fields(const std::string& title, const std::string& text) {
    return {{"title", words(title)}, {"text", words(text)}};
}

void require_same_results(const LexicalIndex& a, const LexicalIndex& b, const std::vector<LexicalQuery>& queries) {
    for (const auto& q : queries) REQUIRE(a.search(q) == b.search(q));
}

std::vector<LexicalQuery> probe_queries() {
    return {query_of({{"*", 1.0f, {"apple", "pear"}}}), query_of({{"title", 2.0f, {"apple"}}, {"text", 1.0f, {"apple", "fig"}}}),
            query_of({{"text", 1.0f, {"pear", "fig"}}}, Operator::all), query_of({{"*", 1.0f, {"kiwi"}}})};
}

}  // namespace

TEST_CASE("Statistics after delete equal those of an index that never had the document", "[lexical][delete]") {
    LexicalIndex with({"title", "text"}, Bm25Params{});
    LexicalIndex without({"title", "text"}, Bm25Params{});
    with.add(0, doc_fields("apple", "apple pear fig"));
    without.add(0, doc_fields("apple", "apple pear fig"));
    with.add(1, doc_fields("kiwi apple", "kiwi kiwi pear pear pear fig fig apple"));  // removed below
    with.add(2, doc_fields("pear", "fig apple"));
    without.add(2, doc_fields("pear", "fig apple"));
    with.remove(1);
    with.remove(1);  // a second remove is a no-op
    with.remove(99);
    CHECK_FALSE(with.contains(1));
    CHECK(with.contains(2));

    const auto s1 = with.stats();
    const auto s2 = without.stats();
    CHECK(s1.documents == 2);
    CHECK(s1.documents == s2.documents);
    CHECK(s1.terms == s2.terms);  // "kiwi" is gone with its only document
    CHECK(s1.postings == s2.postings);
    for (const auto& q : probe_queries()) {
        const auto a = with.search(q);
        const auto b = without.search(q);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].doc == b[i].doc);
            CHECK(a[i].score == b[i].score);  // identical N, df, avgdl -> identical floats
        }
    }
    const auto e1 = with.explain(query_of({{"text", 1.0f, {"apple"}}}), 2);
    const auto e2 = without.explain(query_of({{"text", 1.0f, {"apple"}}}), 2);
    REQUIRE(e1.size() == 1);
    CHECK(e1[0].df == e2[0].df);
    CHECK(e1[0].avg_field_length == e2[0].avg_field_length);
    CHECK(with.explain(query_of({{"text", 1.0f, {"kiwi"}}}), 1).empty());
}

TEST_CASE("A replaced document is found only in its new version", "[lexical][delete]") {
    LexicalIndex index({"title", "text"}, Bm25Params{});
    index.add(0, doc_fields("apple", "apple pear"));
    index.add(1, doc_fields("fig", "fig"));
    index.remove(0);  // replace 0 by 2
    index.add(2, doc_fields("kiwi", "kiwi pear"));
    auto hits = index.search(query_of({{"*", 1.0f, {"apple"}}}));
    CHECK(hits.empty());
    hits = index.search(query_of({{"*", 1.0f, {"pear", "kiwi"}}}));
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].doc == 2);
    CHECK(index.stats().documents == 2);
}

TEST_CASE("Posting list codec round-trips across block boundaries", "[lexical][codec]") {
    std::mt19937 rng(7);
    PostingList list;
    std::vector<std::pair<DocOrdinal, std::uint32_t>> expected;
    DocOrdinal doc = 0;
    for (int i = 0; i < 1000; ++i) {
        doc += i == 0 ? 0 : 1 + rng() % (i % 100 == 0 ? 100000 : 50);
        const std::uint32_t tf = rng() % 4 == 0 ? 1 + rng() % 70000 : 1;
        list.append(doc, tf);
        expected.emplace_back(doc, tf);
        if (list.tail_full()) list.seal_tail(0.5f, 10.0f);
    }
    REQUIRE(list.size() == 1000);
    REQUIRE(list.sealed_blocks() == 7);
    PostingCursor cursor(list);
    for (const auto& [d, tf] : expected) {
        REQUIRE(cursor.doc() == d);
        REQUIRE(cursor.tf() == tf);
        cursor.next();
    }
    CHECK(cursor.doc() == kNoDoc);
    // next_geq lands on the first ordinal >= target, across blocks.
    for (int i = 0; i < 200; ++i) {
        const std::size_t at = rng() % expected.size();
        PostingCursor c(list);
        const DocOrdinal target = expected[at].first - (at > 0 && expected[at].first - expected[at - 1].first > 1 ? 1 : 0);
        c.next_geq(target);
        REQUIRE(c.doc() == expected[at].first);
        REQUIRE(c.tf() == expected[at].second);
    }
    PostingCursor past(list);
    past.next_geq(doc + 1);
    CHECK(past.doc() == kNoDoc);
    // Raw parts survive validation; a flipped byte does not.
    PostingList::Raw raw{{list.bytes().begin(), list.bytes().end()}, {}, {list.blocks().begin(), list.blocks().end()},
                         list.size(), list.tail_count(), list.last_doc()};
    CHECK(PostingList::from_raw(raw, false).size() == 1000);
    raw.blocks[3].last_doc += 1;
    CHECK_THROWS_AS(PostingList::from_raw(raw, false), Error);
}

TEST_CASE("Positions are stored when asked, with gaps across fields in the combined field", "[lexical][positions]") {
    LexicalIndex index({"title", "text"}, Bm25Params{}, true);
    index.add(0, {{"title", words("apple pie")}, {"text", {{"apple", 0, 0, 0}, {"pie", 3, 0, 0}, {"apple", 7, 0, 0}}}});
    CHECK(index.positions("text", "apple", 0) == std::vector<std::uint32_t>{0, 7});
    CHECK(index.positions("title", "pie", 0) == std::vector<std::uint32_t>{1});
    const auto combined = index.positions("*", "apple", 0);
    REQUIRE(combined.size() == 3);
    CHECK(combined[0] == 0);
    CHECK(combined[1] > 1 + 50);  // the text field starts after a position gap
    CHECK(index.positions("text", "fig", 0).empty());
    LexicalIndex no_positions({"text"}, Bm25Params{});
    no_positions.add(0, {{"text", words("apple")}});
    CHECK(no_positions.positions("text", "apple", 0).empty());
}

TEST_CASE("save/load round-trips - corrupt input throws io", "[lexical][persistence]") {
    std::mt19937 rng(11);
    LexicalIndex index({"title", "text"}, Bm25Params{1.1f, 0.6f}, true);
    const char* vocab[] = {"apple", "pear", "fig", "kiwi", "plum", "lime"};
    for (DocOrdinal d = 0; d < 700; ++d) {
        std::string title = vocab[rng() % 6], text;
        for (int i = 0; i < 20; ++i) text += std::string(vocab[rng() % 6]) + " ";
        index.add(d, doc_fields(title, text));
        if (d % 7 == 3) index.remove(d - 2);
    }
    std::stringstream buffer;
    index.save(buffer);
    const std::string bytes = buffer.str();
    std::istringstream in(bytes);
    const LexicalIndex loaded = LexicalIndex::load(in);
    CHECK(loaded.stats().documents == index.stats().documents);
    CHECK(loaded.stats().postings == index.stats().postings);
    CHECK(loaded.params().k1 == 1.1f);
    CHECK(loaded.text_fields() == index.text_fields());
    require_same_results(index, loaded, probe_queries());
    CHECK(loaded.positions("text", "apple", 0) == index.positions("text", "apple", 0));

    SECTION("a loaded index keeps accepting documents") {
        LexicalIndex again = LexicalIndex::load(*std::make_unique<std::istringstream>(bytes));
        CHECK_THROWS_AS(again.add(10, doc_fields("x", "y")), Error);
        again.add(800, doc_fields("kiwi kiwi kiwi", "kiwi kiwi"));
        CHECK(again.search(query_of({{"title", 1.0f, {"kiwi"}}}, Operator::any, 1))[0].doc == 800);
    }
    SECTION("corruption is detected") {
        auto expect_io = [](const std::string& data) {
            std::istringstream bad(data);
            try {
                (void)LexicalIndex::load(bad);
                FAIL("corrupt input accepted");
            } catch (const Error& e) {
                CHECK(e.kind() == ErrorKind::io);
            }
        };
        expect_io("");
        expect_io("NOTANINDEX-----------------------------------");
        expect_io(bytes.substr(0, bytes.size() / 2));
        for (std::size_t at : {std::size_t{9}, std::size_t{40}, bytes.size() / 3, bytes.size() - 1}) {
            std::string flipped = bytes;
            flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
            expect_io(flipped);
        }
    }
}

TEST_CASE("Compaction after many deletions keeps results and statistics", "[lexical][delete]") {
    std::mt19937 rng(5);
    LexicalIndex index({"text"}, Bm25Params{});
    LexicalIndex fresh({"text"}, Bm25Params{});
    const char* vocab[] = {"apple", "pear", "fig", "kiwi", "plum", "lime", "date", "nut"};
    for (DocOrdinal d = 0; d < 6000; ++d) {
        std::string text;
        for (int i = 0; i < 30; ++i) {
            text += vocab[rng() % 8];
            text += std::to_string(rng() % 4);
            text += ' ';
        }
        index.add(d, {{"text", words(text)}});
        if (d % 5 == 0) fresh.add(d, {{"text", words(text)}});
    }
    const auto before = index.stats().memory_bytes;
    for (DocOrdinal d = 0; d < 6000; ++d)
        if (d % 5 != 0) index.remove(d);
    CHECK(index.stats().memory_bytes < before);  // postings were rewritten without the dead
    CHECK(index.stats().postings == fresh.stats().postings);
    for (const char* t : vocab) {
        std::string t0 = t, t3 = t;
        t0 += '0';
        t3 += '3';
        const auto q = query_of({{"text", 1.0f, {t0, t3, "fig1"}}}, Operator::any, 20);
        REQUIRE(index.search(q) == fresh.search(q));
    }
}
