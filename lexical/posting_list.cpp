#include "lexical/posting_list.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "lexical/packed_block.hpp"
#include "lexical/varint.hpp"

namespace braid::lexical {

void PostingList::append(DocOrdinal doc, std::uint32_t tf, const std::uint32_t* positions) {
    const DocOrdinal base = blocks_.empty() ? 0 : blocks_.back().last_doc;
    const DocOrdinal prev = tail_count_ == 0 ? base : last_doc_;
    const std::uint32_t gap = doc - prev;
    std::uint8_t buf[10];
    std::uint8_t* p = put_varint(buf, (gap << 1) | (tf == 1 ? 1U : 0U));
    if (tf != 1) p = put_varint(p, tf);
    bytes_.append(buf, static_cast<std::size_t>(p - buf));
    if (positions != nullptr) {
        std::uint32_t last = 0;
        for (std::uint32_t i = 0; i < tf; ++i) {
            p = put_varint(buf, positions[i] - last);
            positions_.append(buf, static_cast<std::size_t>(p - buf));
            last = positions[i];
        }
    }
    last_doc_ = doc;
    ++size_;
    ++tail_count_;
}

namespace {

// Decodes n variable-byte postings at p (gaps from `base`); returns one past the last byte.
const std::uint8_t* decode_varint_postings(const std::uint8_t* p, DocOrdinal base, std::uint32_t n, DocOrdinal* docs,
                                           std::uint32_t* tfs) {
    DocOrdinal d = base;
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t v = get_varint(p);
        d += v >> 1;
        docs[i] = d;
        tfs[i] = (v & 1U) ? 1U : get_varint(p);
    }
    return p;
}

}  // namespace

void PostingList::seal_tail(float max_part, float avgdl) {
    // The tail's variable-byte postings become a packed block in their place.
    const std::size_t start = blocks_.empty() ? 0 : blocks_.back().end;
    DocOrdinal docs[kBlockSize];
    std::uint32_t tfs[kBlockSize];
    const DocOrdinal base = blocks_.empty() ? 0 : blocks_.back().last_doc;
    decode_varint_postings(bytes_.data() + start, base, kBlockSize, docs, tfs);
    std::uint8_t packed[kMaxPackedBlockBytes];
    const std::uint8_t* packed_end = encode_packed_block(docs, tfs, base, packed);
    bytes_.truncate(start);
    bytes_.append(packed, static_cast<std::size_t>(packed_end - packed));
    BlockMeta m;
    m.last_doc = last_doc_;
    m.end = static_cast<std::uint32_t>(bytes_.size());
    m.positions_end = static_cast<std::uint32_t>(positions_.size());
    m.max_part = max_part;
    m.avgdl = avgdl > 0 ? avgdl : 1;
    blocks_.push_back(m);
    tail_count_ = 0;
    max_part_ = std::max(max_part_, m.max_part);
    max_part_per_avgdl_ = std::max(max_part_per_avgdl_, m.max_part / m.avgdl);
}

std::uint32_t PostingList::decode_block(std::size_t b, DocOrdinal* docs, std::uint32_t* tfs) const {
    const std::uint8_t* p = bytes_.data() + (b == 0 ? 0 : blocks_[b - 1].end);
    const DocOrdinal base = b == 0 ? 0 : blocks_[b - 1].last_doc;
    if (b < blocks_.size()) {
        decode_packed_block(p, base, docs, tfs);
        return kBlockSize;
    }
    decode_varint_postings(p, base, tail_count_, docs, tfs);
    return tail_count_;
}

std::vector<std::uint32_t> PostingList::positions(std::size_t b, std::uint32_t index,
                                                  const std::uint32_t* tfs) const {
    if (positions_.empty()) return {};
    const std::uint8_t* p = positions_.data() + (b == 0 ? 0 : blocks_[b - 1].positions_end);
    for (std::uint32_t i = 0; i < index; ++i)
        for (std::uint32_t j = 0; j < tfs[i]; ++j) get_varint(p);
    std::vector<std::uint32_t> out(tfs[index]);
    std::uint32_t last = 0;
    for (auto& pos : out) last = pos = last + get_varint(p);
    return out;
}

void PostingList::shrink_to_fit() {
    bytes_.shrink_to_fit();
    positions_.shrink_to_fit();
    blocks_.shrink_to_fit();
}

namespace {

[[noreturn]] void corrupt(const char* what) {
    throw Error(ErrorKind::io, "corrupt_index", std::string("corrupt lexical index: ") + what);
}

// Walks `n` postings from p without reading past end; returns the new position or nullptr.
const std::uint8_t* walk_postings(const std::uint8_t* p, const std::uint8_t* end, std::uint32_t n,
                                  DocOrdinal& doc, bool first_block, std::uint64_t& tf_sum) {
    auto read = [&](std::uint32_t& v) {
        v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (p >= end) return false;
            const std::uint8_t byte = *p++;
            v |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
            if (byte < 0x80) return true;
        }
        return false;
    };
    for (std::uint32_t i = 0; i < n; ++i) {
        std::uint32_t v = 0;
        std::uint32_t tf = 1;
        if (!read(v)) return nullptr;
        if ((v >> 1) == 0 && !(first_block && i == 0)) return nullptr;
        doc += v >> 1;
        if (!(v & 1U) && (!read(tf) || tf == 0)) return nullptr;
        tf_sum += tf;
    }
    return p;
}

// Rewrites validated variable-byte sealed blocks (the layout before packed blocks) as packed
// blocks, with their new end offsets; the tail stays as it is.
void pack_legacy_blocks(PostingList::Raw& raw) {
    std::vector<std::uint8_t> bytes;
    const std::uint8_t* p = raw.bytes.data();
    DocOrdinal base = 0;
    DocOrdinal docs[PostingList::kBlockSize];
    std::uint32_t tfs[PostingList::kBlockSize];
    std::uint8_t packed[kMaxPackedBlockBytes];
    for (BlockMeta& m : raw.blocks) {
        p = decode_varint_postings(p, base, PostingList::kBlockSize, docs, tfs);
        const std::uint8_t* packed_end = encode_packed_block(docs, tfs, base, packed);
        bytes.insert(bytes.end(), static_cast<const std::uint8_t*>(packed), packed_end);
        m.end = static_cast<std::uint32_t>(bytes.size());
        base = m.last_doc;
    }
    bytes.insert(bytes.end(), p, static_cast<const std::uint8_t*>(raw.bytes.data() + raw.bytes.size()));
    raw.bytes = std::move(bytes);
}

}  // namespace

PostingList PostingList::from_raw(Raw raw, bool with_positions, bool varint_blocks) {
    if (raw.tail_count >= kBlockSize) corrupt("tail block too long");
    if (static_cast<std::uint64_t>(raw.blocks.size()) * kBlockSize + raw.tail_count != raw.size)
        corrupt("posting count does not match its blocks");
    if (varint_blocks) {
        const std::uint8_t* p = raw.bytes.data();
        const std::uint8_t* end = p + raw.bytes.size();
        DocOrdinal doc = 0;
        std::uint64_t tf_sum = 0;
        for (std::size_t b = 0; b < raw.blocks.size(); ++b) {
            p = walk_postings(p, end, kBlockSize, doc, b == 0, tf_sum);
            if (p == nullptr || doc != raw.blocks[b].last_doc ||
                static_cast<std::size_t>(p - raw.bytes.data()) != raw.blocks[b].end)
                corrupt("block does not match its metadata");
        }
        pack_legacy_blocks(raw);
    }
    PostingList list;
    const std::uint8_t* p = raw.bytes.data();
    const std::uint8_t* end = p + raw.bytes.size();
    DocOrdinal doc = 0;
    std::uint64_t tf_sum = 0;
    for (std::size_t b = 0; b < raw.blocks.size(); ++b) {
        const BlockMeta& m = raw.blocks[b];
        p = check_packed_block(p, end, doc, b == 0, doc, tf_sum);
        if (p == nullptr || doc != m.last_doc || static_cast<std::size_t>(p - raw.bytes.data()) != m.end)
            corrupt("block does not match its metadata");
        if (!(m.avgdl > 0) || !(m.max_part >= 0) || m.max_part > 1.0f + 1e-3f) corrupt("bad block-max metadata");
        if (with_positions && (m.positions_end > raw.positions.size() ||
                               (b > 0 && m.positions_end < raw.blocks[b - 1].positions_end)))
            corrupt("bad positions offset");
        list.max_part_ = std::max(list.max_part_, m.max_part);
        list.max_part_per_avgdl_ = std::max(list.max_part_per_avgdl_, m.max_part / m.avgdl);
    }
    p = walk_postings(p, end, raw.tail_count, doc, raw.blocks.empty(), tf_sum);
    if (p != end) corrupt("trailing posting bytes");
    if (raw.size > 0 && doc != raw.last_doc) corrupt("last ordinal mismatch");
    if (!with_positions && !raw.positions.empty()) corrupt("unexpected positions");
    if (with_positions) {
        const std::uint8_t* q = raw.positions.data();
        const std::uint8_t* qend = q + raw.positions.size();
        std::uint64_t count = 0;
        while (q < qend) count += (*q++ < 0x80);
        if (count != tf_sum || (!raw.positions.empty() && raw.positions.back() >= 0x80))
            corrupt("positions do not match term frequencies");
    }
    list.bytes_ = CompactArray<std::uint8_t>(raw.bytes.data(), raw.bytes.size());
    list.positions_ = CompactArray<std::uint8_t>(raw.positions.data(), raw.positions.size());
    list.blocks_ = CompactArray<BlockMeta>(raw.blocks.data(), raw.blocks.size());
    list.size_ = raw.size;
    list.tail_count_ = raw.tail_count;
    list.last_doc_ = raw.last_doc;
    return list;
}

}  // namespace braid::lexical
