#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <vector>

#include "lexical/merged_cursor.hpp"
#include "lexical/term_cursor.hpp"

using namespace braid;
using namespace braid::lexical;

TEST_CASE("MergedCursor reads several lists as TermCursor does, through steps and skips", "[lexical][postings]") {
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        std::mt19937 rng(seed);
        const std::size_t nparts = 1 + seed % 3;
        std::vector<PostingList> lists(nparts);
        std::map<DocOrdinal, std::uint32_t> summed;  // the expected merged postings
        for (auto& list : lists) {
            const std::uint32_t density = 1 + rng() % 6;
            const DocOrdinal end = 200 + rng() % 2000;
            for (DocOrdinal d = 0; d < end; ++d) {
                if (rng() % density != 0) continue;
                const std::uint32_t tf = 1 + rng() % 4;
                list.append(d, tf);
                summed[d] += tf;
                if (list.tail_full()) list.seal_tail(0.5f, 10.0f);
            }
        }
        std::vector<const PostingList*> parts;
        for (const auto& l : lists)
            if (!l.empty()) parts.push_back(&l);
        if (parts.empty()) continue;
        MergedCursor merged(parts);
        TermCursor reference(parts);
        auto expected = summed.begin();
        INFO("seed " << seed);
        while (true) {
            REQUIRE(merged.doc() == reference.doc());
            if (merged.doc() == kNoDoc) break;
            REQUIRE(merged.doc() == expected->first);
            REQUIRE(merged.tf() == expected->second);
            REQUIRE(merged.tf() == reference.tf());
            // Steps, short skips (inside the buffer) and long ones (past it), mixed.
            const auto r = rng() % 10;
            DocOrdinal target = merged.doc() + 1;
            if (r >= 6) target = merged.doc() + 1 + rng() % (r == 9 ? 600 : 40);
            if (r < 6) {
                merged.next();
                reference.next();
            } else {
                merged.next_geq(target);
                reference.next_geq(target);
            }
            expected = summed.lower_bound(target);
            if (expected == summed.end()) REQUIRE(merged.doc() == kNoDoc);
        }
        CHECK(merged.size() == reference.size());
    }
}
