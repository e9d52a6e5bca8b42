#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/doc_ordinal.hpp"
#include "lexical/compact_array.hpp"

namespace braid::lexical {

// Metadata of one sealed block of PostingList::kBlockSize postings.
struct BlockMeta {
    DocOrdinal last_doc = 0;
    std::uint32_t end = 0;            // offset one past the block in the postings bytes
    std::uint32_t positions_end = 0;  // offset one past the block in the positions bytes
    // Block-max metadata: the largest BM25 term part tf / (tf + k1 (1 - b + b dl / A)) of the
    // block, computed with A = avgdl, the field's average length when the block was sealed.
    // For any later average A' the part is at most max_part * max(1, A' / avgdl) (see
    // PostingList::part_bound), so the bound survives a changing collection.
    float max_part = 0;
    float avgdl = 1;
};

// Append-only postings of one term in one field: (ordinal, tf) pairs in increasing ordinal
// order, in blocks of 128. The last, unsealed block (the tail) has fewer than 128 postings and no
// BlockMeta yet; it is coded as variable-byte integers, (gap << 1 | tf == 1), then tf when it is
// not 1, so postings append one at a time. Sealing rewrites it as a packed block (bit-packed
// gaps and tfs, see packed_block.hpp), which decodes several times faster. Gaps are taken from
// the previous block's last ordinal, so every block decodes on its own.
// Positions, when stored, live in a parallel byte stream: per posting, tf position deltas.
class PostingList {
public:
    static constexpr std::uint32_t kBlockSize = 128;

    // `doc` must exceed last_doc(); positions (tf of them, ascending) only when stored.
    void append(DocOrdinal doc, std::uint32_t tf, const std::uint32_t* positions = nullptr);
    bool tail_full() const { return tail_count_ == kBlockSize; }
    // Closes the full tail into a block with its block-max metadata.
    void seal_tail(float max_part, float avgdl);

    std::uint32_t size() const { return size_; }  // postings, dead ones included
    bool empty() const { return size_ == 0; }
    DocOrdinal last_doc() const { return last_doc_; }
    std::size_t sealed_blocks() const { return blocks_.size(); }
    std::size_t block_count() const { return blocks_.size() + (tail_count_ > 0 ? 1 : 0); }
    std::uint32_t tail_count() const { return tail_count_; }
    std::span<const BlockMeta> blocks() const { return blocks_.view(); }
    DocOrdinal block_last_doc(std::size_t b) const {
        return b < blocks_.size() ? blocks_[b].last_doc : last_doc_;
    }
    // Upper bound of the term part over all sealed blocks under average length `avgdl`.
    float sealed_part_bound(float avgdl) const {
        const float scaled = avgdl * max_part_per_avgdl_;
        return scaled > max_part_ ? scaled : max_part_;
    }
    // The two figures sealed_part_bound combines: the largest part, the largest part / avgdl.
    float max_part() const { return max_part_; }
    float max_part_per_avgdl() const { return max_part_per_avgdl_; }
    static float part_bound(const BlockMeta& m, float avgdl) {
        return avgdl > m.avgdl ? m.max_part * (avgdl / m.avgdl) : m.max_part;
    }

    // Decodes block b (b == sealed_blocks() is the tail) into docs/tfs; returns its count.
    std::uint32_t decode_block(std::size_t b, DocOrdinal* docs, std::uint32_t* tfs) const;
    // Positions of entry `index` of block b, whose tfs are `tfs` (as decode_block gave them).
    std::vector<std::uint32_t> positions(std::size_t b, std::uint32_t index, const std::uint32_t* tfs) const;

    std::size_t memory_bytes() const {
        return sizeof(*this) + bytes_.capacity() + positions_.capacity() + blocks_.capacity() * sizeof(BlockMeta);
    }
    void shrink_to_fit();

    std::span<const std::uint8_t> bytes() const { return bytes_.view(); }
    std::span<const std::uint8_t> position_bytes() const { return positions_.view(); }

    // Raw parts, for loading.
    struct Raw {
        std::vector<std::uint8_t> bytes;
        std::vector<std::uint8_t> positions;
        std::vector<BlockMeta> blocks;
        std::uint32_t size = 0;
        std::uint32_t tail_count = 0;
        DocOrdinal last_doc = 0;
    };
    // Throws braid::Error(io) when the parts are inconsistent (corrupt input). `varint_blocks`:
    // the sealed blocks are in the variable-byte layout of snapshots before version 3.
    static PostingList from_raw(Raw raw, bool with_positions, bool varint_blocks = false);

private:
    CompactArray<std::uint8_t> bytes_;
    CompactArray<std::uint8_t> positions_;
    CompactArray<BlockMeta> blocks_;
    DocOrdinal last_doc_ = 0;
    std::uint32_t size_ = 0;
    std::uint32_t tail_count_ = 0;
    float max_part_ = 0;            // max over sealed blocks of max_part
    float max_part_per_avgdl_ = 0;  // max over sealed blocks of max_part / avgdl
};

}  // namespace braid::lexical
