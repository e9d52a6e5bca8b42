#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "lexical/packed_block.hpp"

using namespace braid;
using namespace braid::lexical;

namespace {

struct Block {
    std::vector<DocOrdinal> docs = std::vector<DocOrdinal>(kPackedBlockPostings);
    std::vector<std::uint32_t> tfs = std::vector<std::uint32_t>(kPackedBlockPostings);
};

// Gaps below 2^gap_bits (one of them exactly 2^gap_bits - 1), tfs - 1 likewise.
Block random_block(std::mt19937& rng, DocOrdinal base, std::uint32_t gap_bits, std::uint32_t tf_bits) {
    auto below = [&](std::uint32_t bits) -> std::uint32_t {
        if (bits == 0) return 0;
        const std::uint64_t top = (std::uint64_t{1} << bits) - 1;
        return static_cast<std::uint32_t>(std::uniform_int_distribution<std::uint64_t>(0, top)(rng));
    };
    Block b;
    const std::uint32_t widest = static_cast<std::uint32_t>(rng() % kPackedBlockPostings);
    DocOrdinal d = base;
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) {
        std::uint32_t gap = i == widest && gap_bits > 0 ? static_cast<std::uint32_t>((std::uint64_t{1} << gap_bits) - 1) : below(gap_bits);
        if (gap == 0) gap = 1;
        d += gap;
        b.docs[i] = d;
        const std::uint32_t rest = i == widest && tf_bits > 0 ? static_cast<std::uint32_t>((std::uint64_t{1} << tf_bits) - 1) : below(tf_bits);
        b.tfs[i] = rest == UINT32_MAX ? rest : rest + 1;
    }
    return b;
}

}  // namespace

TEST_CASE("packed blocks decode to what was encoded at every width", "[lexical][postings]") {
    std::mt19937 rng(7);
    std::vector<std::uint8_t> bytes(kMaxPackedBlockBytes + 16);
    for (std::uint32_t gap_bits = 0; gap_bits <= 24; ++gap_bits)
        for (std::uint32_t tf_bits : {0U, 1U, 3U, 9U, 16U, 31U}) {
            const DocOrdinal base = gap_bits == 0 ? 0 : static_cast<DocOrdinal>(rng() % 1000);
            const Block in = random_block(rng, base, gap_bits, tf_bits);
            const std::uint8_t* end = encode_packed_block(in.docs.data(), in.tfs.data(), base, bytes.data());
            const auto size = static_cast<std::size_t>(end - bytes.data());
            INFO("gap bits " << gap_bits << ", tf bits " << tf_bits);
            CHECK(size <= kMaxPackedBlockBytes);
            Block out;
            CHECK(decode_packed_block(bytes.data(), base, out.docs.data(), out.tfs.data()) == end);
            CHECK(out.docs == in.docs);
            CHECK(out.tfs == in.tfs);
            // Validation accepts it, reading exactly its bytes.
            DocOrdinal last = 0;
            std::uint64_t tf_sum = 0;
            CHECK(check_packed_block(bytes.data(), end, base, false, last, tf_sum) == end);
            CHECK(last == in.docs.back());
            std::uint64_t expected_sum = 0;
            for (auto tf : in.tfs) expected_sum += tf;
            CHECK(tf_sum == expected_sum);
            CHECK(check_packed_block(bytes.data(), end - 1, base, false, last, tf_sum) == nullptr);
        }
}

TEST_CASE("a first posting of ordinal 0 packs, and corrupt packed blocks are refused", "[lexical][postings]") {
    std::vector<std::uint8_t> bytes(kMaxPackedBlockBytes);
    Block in;
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) {
        in.docs[i] = i * 5;  // starts at 0
        in.tfs[i] = 1 + i % 3;
    }
    const std::uint8_t* end = encode_packed_block(in.docs.data(), in.tfs.data(), 0, bytes.data());
    DocOrdinal last = 0;
    std::uint64_t tf_sum = 0;
    CHECK(check_packed_block(bytes.data(), end, 0, true, last, tf_sum) == end);
    // Only the very first block may start with a zero gap.
    CHECK(check_packed_block(bytes.data(), end, 0, false, last, tf_sum) == nullptr);
    // Ordinals running past the largest one.
    CHECK(check_packed_block(bytes.data(), end, kNoDoc - 100, false, last, tf_sum) == nullptr);
    // A width above 32.
    auto bad = bytes;
    bad[0] = 33;
    CHECK(check_packed_block(bad.data(), bad.data() + bad.size(), 0, true, last, tf_sum) == nullptr);
    bad = bytes;
    bad[1] = 200;
    CHECK(check_packed_block(bad.data(), bad.data() + bad.size(), 0, true, last, tf_sum) == nullptr);
    // Too short for its widths.
    CHECK(check_packed_block(bytes.data(), bytes.data() + 1, 0, true, last, tf_sum) == nullptr);
}
