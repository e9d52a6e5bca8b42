#pragma once
#include <cstdint>

#include "core/doc_ordinal.hpp"

namespace braid::lexical {

// The layout of a sealed block of PostingList::kBlockSize postings: bit-packed, a fixed width
// per block for its ordinal gaps and another for its tf - 1, so decoding is shifts and masks
// without a branch per posting (variable-byte decoding, which the open tail keeps, walks byte by
// byte). Bytes: the gap width, the tf width (each 0..32), then the 128 gaps and the 128 tf - 1,
// each run packed little-endian in 16 * width bytes. The first gap is taken from `base`, the
// previous block's last ordinal (0 before the first block).
inline constexpr std::uint32_t kPackedBlockPostings = 128;

// Bytes encode_packed_block writes for these postings (at most 2 + 2 * 16 * 32).
inline constexpr std::uint32_t kMaxPackedBlockBytes = 2 + 2 * 16 * 32;

// Writes the block at out (room for kMaxPackedBlockBytes) and returns one past its last byte.
// `docs` ascending, above `base` (the very first may equal 0 when base is 0), every tf >= 1.
std::uint8_t* encode_packed_block(const DocOrdinal* docs, const std::uint32_t* tfs, DocOrdinal base, std::uint8_t* out);

// Decodes the block at p into 128 docs and tfs; returns one past its last byte. The caller
// guarantees the block is well formed (check_packed_block on loaded bytes).
const std::uint8_t* decode_packed_block(const std::uint8_t* p, DocOrdinal base, DocOrdinal* docs, std::uint32_t* tfs);

// Validates a block of untrusted bytes [p, end): widths in range, every gap >= 1 (but a first
// posting of ordinal 0 in the first block), no ordinal overflow. Returns one past its last byte,
// or nullptr; on success `last_doc` is its last ordinal and `tf_sum` grows by its tfs.
const std::uint8_t* check_packed_block(const std::uint8_t* p, const std::uint8_t* end, DocOrdinal base, bool first_block,
                                       DocOrdinal& last_doc, std::uint64_t& tf_sum);

}  // namespace braid::lexical
