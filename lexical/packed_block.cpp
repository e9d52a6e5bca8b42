#include "lexical/packed_block.hpp"

#include <array>
#include <cstring>
#include <utility>

namespace braid::lexical {

namespace {

constexpr std::uint32_t kGroup = 8;  // values per group: a group of width w fills exactly w bytes

std::uint32_t width_of(std::uint32_t max_value) {
    std::uint32_t w = 0;
    while (w < 32 && (max_value >> w) != 0) ++w;
    return w;
}

// Packs 128 values of `width` bits little-endian at out; returns one past the last byte.
std::uint8_t* pack(const std::uint32_t* values, std::uint32_t width, std::uint8_t* out) {
    const std::uint32_t bytes = kPackedBlockPostings / kGroup * width;
    std::memset(out, 0, bytes);
    std::uint64_t bit = 0;
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i, bit += width)
        for (std::uint32_t b = 0; b < width; ++b)
            if ((values[i] >> b) & 1U) out[(bit + b) >> 3] |= static_cast<std::uint8_t>(1U << ((bit + b) & 7));
    return out + bytes;
}

// Unpacks 128 values of W bits from p; returns one past the last byte. Each group of 8 values is
// copied into a zero-padded buffer first, so no load reads past the block.
template <std::uint32_t W>
const std::uint8_t* unpack(const std::uint8_t* p, std::uint32_t* out) {
    if constexpr (W == 0) {
        for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) out[i] = 0;
        return p;
    } else {
        constexpr std::uint64_t mask = (std::uint64_t{1} << W) - 1;
        std::uint8_t group[W + 8] = {};
        for (std::uint32_t g = 0; g < kPackedBlockPostings / kGroup; ++g, p += W) {
            std::memcpy(group, p, W);
            for (std::uint32_t j = 0; j < kGroup; ++j) {
                std::uint64_t word = 0;
                std::memcpy(&word, group + (j * W) / 8, sizeof word);
                out[g * kGroup + j] = static_cast<std::uint32_t>((word >> ((j * W) % 8)) & mask);
            }
        }
        return p;
    }
}

using Unpack = const std::uint8_t* (*)(const std::uint8_t*, std::uint32_t*);

template <std::size_t... W>
constexpr std::array<Unpack, sizeof...(W)> unpackers(std::index_sequence<W...>) {
    return {&unpack<static_cast<std::uint32_t>(W)>...};
}
constexpr auto kUnpack = unpackers(std::make_index_sequence<33>());

}  // namespace

std::uint8_t* encode_packed_block(const DocOrdinal* docs, const std::uint32_t* tfs, DocOrdinal base, std::uint8_t* out) {
    std::uint32_t gaps[kPackedBlockPostings];
    std::uint32_t tf_rest[kPackedBlockPostings];
    std::uint32_t max_gap = 0;
    std::uint32_t max_tf = 0;
    DocOrdinal prev = base;
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) {
        gaps[i] = docs[i] - prev;
        prev = docs[i];
        tf_rest[i] = tfs[i] - 1;
        max_gap |= gaps[i];
        max_tf |= tf_rest[i];
    }
    const std::uint32_t gap_width = width_of(max_gap);
    const std::uint32_t tf_width = width_of(max_tf);
    *out++ = static_cast<std::uint8_t>(gap_width);
    *out++ = static_cast<std::uint8_t>(tf_width);
    out = pack(gaps, gap_width, out);
    return pack(tf_rest, tf_width, out);
}

const std::uint8_t* decode_packed_block(const std::uint8_t* p, DocOrdinal base, DocOrdinal* docs, std::uint32_t* tfs) {
    const std::uint32_t gap_width = p[0];
    const std::uint32_t tf_width = p[1];
    p = kUnpack[gap_width](p + 2, docs);
    p = kUnpack[tf_width](p, tfs);
    DocOrdinal d = base;
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) {
        d += docs[i];
        docs[i] = d;
        tfs[i] += 1;
    }
    return p;
}

const std::uint8_t* check_packed_block(const std::uint8_t* p, const std::uint8_t* end, DocOrdinal base, bool first_block,
                                       DocOrdinal& last_doc, std::uint64_t& tf_sum) {
    if (end - p < 2 || p[0] > 32 || p[1] > 32) return nullptr;
    const std::size_t bytes = 2 + std::size_t{16} * (p[0] + p[1]);
    if (static_cast<std::size_t>(end - p) < bytes) return nullptr;
    DocOrdinal docs[kPackedBlockPostings];
    std::uint32_t tfs[kPackedBlockPostings];
    // Gaps must not overflow: decode them unsummed first.
    std::uint32_t gaps[kPackedBlockPostings];
    kUnpack[p[0]](p + 2, gaps);
    std::uint64_t d = base;
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) {
        if (gaps[i] == 0 && !(first_block && i == 0)) return nullptr;
        d += gaps[i];
        if (d >= kNoDoc) return nullptr;
    }
    const std::uint8_t* next = decode_packed_block(p, base, docs, tfs);
    for (std::uint32_t i = 0; i < kPackedBlockPostings; ++i) {
        if (tfs[i] == 0) return nullptr;  // tf - 1 of 2^32 - 1 wraps
        tf_sum += tfs[i];
    }
    last_doc = docs[kPackedBlockPostings - 1];
    return next;
}

}  // namespace braid::lexical
