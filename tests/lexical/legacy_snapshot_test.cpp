// A snapshot of version 2 (sealed posting blocks as variable-byte integers) loads into packed
// blocks: the same index as one built today from the same documents, byte for byte once saved.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lexical/lexical_index.hpp"
#include "tests/lexical/legacy_corpus.hpp"
#include "tests/lexical/lexical_test_support.hpp"

using namespace braid;
using namespace braid::lexical;

namespace {

std::string saved(const LexicalIndex& index) {
    std::ostringstream out;
    index.save(out);
    return out.str();
}

}  // namespace

TEST_CASE("a version 2 snapshot loads as the index built today from its documents", "[lexical][snapshot]") {
    const auto path = std::filesystem::path(BRAID_SOURCE_DIR) / "tests/lexical/fixtures/lexical_v2.bin";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    const LexicalIndex loaded = LexicalIndex::load(in);
    const LexicalIndex built = test::legacy_index();

    CHECK(loaded.stats().documents == built.stats().documents);
    CHECK(loaded.stats().postings == built.stats().postings);
    // Sealed blocks are repacked exactly as sealing packs them today.
    CHECK(saved(loaded) == saved(built));

    for (const char* field : {"title", "body", "*"})
        for (int t = 0; t < 12; ++t) {
            const std::string term = test::legacy_term(static_cast<std::uint32_t>(t < 8 ? t : 60 + t));
            const auto q = test::query_of({{field, 1.0f, {term, "w3", "w71"}}}, Operator::any, 50);
            INFO(field << " " << term);
            const auto hits = loaded.search(q);
            CHECK(!hits.empty());
            CHECK(hits == built.search(q));
        }
    for (std::uint32_t d = 1; d < test::kLegacyDocs; d += 37)
        for (const char* field : {"title", "body"})
            for (int t = 0; t < 8; ++t) {
                const std::string term = test::legacy_term(static_cast<std::uint32_t>(t));
                CHECK(loaded.positions(field, term, test::legacy_ordinal(d)) == built.positions(field, term, test::legacy_ordinal(d)));
            }
}
