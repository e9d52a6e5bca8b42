#include <algorithm>
#include <array>
#include <istream>
#include <iterator>
#include <ostream>

#include "lexical/binary_io.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/lexical_index_impl.hpp"

// File layout: magic "BRAIDLEX", u32 version, u64 payload size, u64 FNV-1a of the payload, then
// the payload (little-endian, as the host writes it): parameters, fields, dictionary, per-field
// postings and lengths, forward index, live set.
namespace braid::lexical {

namespace {

constexpr std::array<char, 8> kMagic = {'B', 'R', 'A', 'I', 'D', 'L', 'E', 'X'};
// Version 1 also stored the combined field's postings (with 2+ text fields); version 2 keeps
// only its statistics. Version 1 still loads: its combined postings give those statistics.
// Version 3 stores sealed posting blocks packed (packed_block.hpp) instead of as variable-byte
// integers; older sealed blocks are repacked as they load.
constexpr std::uint32_t kVersion = 3;
constexpr std::uint32_t kVersionWithCombinedPostings = 1;
constexpr std::uint32_t kVersionWithVarintBlocks = 2;  // and 1

void write_field(ByteWriter& w, const FieldIndex& f) {
    w.put_vector(f.slots());
    w.put<std::uint64_t>(f.lists().size());
    for (const auto& list : f.lists()) {
        w.put_span(list.bytes());
        w.put_span(list.position_bytes());
        w.put_span(list.blocks());
        w.put(list.size());
        w.put(list.tail_count());
        w.put(list.last_doc());
    }
    w.put_vector(f.dfs());
    w.put_vector(f.lengths_vector());
    w.put<std::uint64_t>(f.total_length());
    w.put<std::uint64_t>(f.doc_count());
    w.put<std::uint64_t>(f.live_postings());
    w.put<std::uint64_t>(f.stored_postings());
}

FieldIndex read_field(ByteReader& r, Bm25Params params, bool positions, std::size_t vocabulary, bool varint_blocks) {
    FieldIndex::Raw raw;
    raw.slots = r.get_vector<std::uint32_t>();
    if (raw.slots.size() > vocabulary) ByteReader::fail("field names more terms than the dictionary holds");
    const auto lists = r.get<std::uint64_t>();
    if (lists > raw.slots.size()) ByteReader::fail("more posting lists than terms");
    raw.lists.reserve(static_cast<std::size_t>(lists));
    for (std::uint64_t i = 0; i < lists; ++i) {
        PostingList::Raw pl;
        pl.bytes = r.get_vector<std::uint8_t>();
        pl.positions = r.get_vector<std::uint8_t>();
        pl.blocks = r.get_vector<BlockMeta>();
        pl.size = r.get<std::uint32_t>();
        pl.tail_count = r.get<std::uint32_t>();
        pl.last_doc = r.get<DocOrdinal>();
        raw.lists.push_back(PostingList::from_raw(std::move(pl), positions, varint_blocks));
    }
    raw.df = r.get_vector<std::uint32_t>();
    raw.lengths = r.get_vector<std::uint32_t>();
    raw.total_length = r.get<std::uint64_t>();
    raw.doc_count = r.get<std::uint64_t>();
    raw.live_postings = r.get<std::uint64_t>();
    raw.stored_postings = r.get<std::uint64_t>();
    return FieldIndex::from_raw(params, positions, std::move(raw));
}

void write_combined(ByteWriter& w, const CombinedStatistics& c) {
    w.put_vector(c.dfs());
    w.put_vector(c.lengths_vector());
    std::vector<float> bounds;
    bounds.reserve(c.bounds().size() * 2);
    for (const auto& bound : c.bounds()) {
        bounds.push_back(bound.max_part);
        bounds.push_back(bound.max_part_per_avgdl);
    }
    w.put_vector(bounds);
    w.put<std::uint64_t>(c.total_length());
    w.put<std::uint64_t>(c.doc_count());
}

CombinedStatistics read_combined(ByteReader& r, Bm25Params params, std::size_t vocabulary) {
    CombinedStatistics::Raw raw;
    raw.df = r.get_vector<std::uint32_t>();
    raw.lengths = r.get_vector<std::uint32_t>();
    const auto bounds = r.get_vector<float>();
    if (bounds.size() != raw.df.size() * 2) ByteReader::fail("combined bounds do not match the terms");
    for (std::size_t i = 0; i < bounds.size(); i += 2) raw.bounds.push_back(PartBound{bounds[i], bounds[i + 1]});
    raw.total_length = r.get<std::uint64_t>();
    raw.doc_count = r.get<std::uint64_t>();
    return CombinedStatistics::from_raw(params, std::move(raw), vocabulary);
}

// The statistics of a combined field stored with its postings (version 1); the postings go.
CombinedStatistics combined_of_stored(const FieldIndex& stored, Bm25Params params, std::size_t vocabulary) {
    CombinedStatistics::Raw raw;
    raw.df.assign(stored.slots().size(), 0);
    raw.bounds.assign(stored.slots().size(), PartBound{});
    const float avg = stored.avgdl();
    for (TermId t = 0; t < stored.slots().size(); ++t) {
        const PostingList* list = stored.postings(t);
        if (list == nullptr) continue;
        raw.df[t] = stored.df(t);
        const float tail = stored.tail_part_bound(*list);
        raw.bounds[t] = PartBound{std::max(list->max_part(), tail), std::max(list->max_part_per_avgdl(), tail / avg)};
    }
    raw.lengths = stored.lengths_vector();
    raw.total_length = stored.total_length();
    raw.doc_count = stored.doc_count();
    return CombinedStatistics::from_raw(params, std::move(raw), vocabulary);
}

}  // namespace

void LexicalIndex::save(std::ostream& out) const {
    const Impl& s = *impl_;
    ByteWriter w;
    w.put(s.params.k1);
    w.put(s.params.b);
    w.put<std::uint8_t>(s.positions ? 1 : 0);
    w.put<std::uint64_t>(s.text_fields.size());
    for (const auto& f : s.text_fields) w.put_string(f);
    w.put<std::uint64_t>(s.dictionary.size());
    for (TermId t = 0; t < s.dictionary.size(); ++t) w.put_string(s.dictionary.text(t));
    for (const auto& f : s.fields) write_field(w, f);
    if (s.fields.size() > 1) write_combined(w, s.combined);
    w.put_vector(s.forward.bytes());
    w.put_vector(s.forward.offsets());
    w.put<std::uint64_t>(s.live.size());
    w.put_vector(s.live.words());
    w.put<std::uint64_t>(s.live_count);
    w.put<std::uint32_t>(s.next_doc);
    w.put<std::uint64_t>(s.dead_postings);

    const std::string& payload = w.data();
    ByteWriter header;
    header.put(kMagic);
    header.put(kVersion);
    header.put<std::uint64_t>(payload.size());
    header.put(fnv1a64(payload));
    out.write(header.data().data(), static_cast<std::streamsize>(header.data().size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    if (!out) throw Error(ErrorKind::io, "write_failed", "could not write the lexical index");
}

LexicalIndex LexicalIndex::load(std::istream& in) {
    char head[8 + 4 + 8 + 8];
    if (!in.read(head, sizeof(head))) ByteReader::fail("file too short for a header");
    ByteReader hr(std::string_view(head, sizeof(head)));
    const auto magic = hr.get<std::array<char, 8>>();
    if (magic != kMagic) ByteReader::fail("not a braid lexical index (bad magic)");
    const auto version = hr.get<std::uint32_t>();
    if (version < kVersionWithCombinedPostings || version > kVersion) ByteReader::fail("unsupported version " + std::to_string(version));
    const bool varint_blocks = version <= kVersionWithVarintBlocks;
    const auto size = hr.get<std::uint64_t>();
    const auto checksum = hr.get<std::uint64_t>();
    if (size > (std::uint64_t{1} << 40)) ByteReader::fail("implausible payload size");
    std::string payload(static_cast<std::size_t>(size), '\0');
    if (!in.read(payload.data(), static_cast<std::streamsize>(size))) ByteReader::fail("truncated payload");
    if (fnv1a64(payload) != checksum) ByteReader::fail("checksum mismatch");

    ByteReader r(payload);
    Bm25Params params;
    params.k1 = r.get<float>();
    params.b = r.get<float>();
    const bool positions = r.get<std::uint8_t>() != 0;
    const auto nfields = r.get<std::uint64_t>();
    if (nfields == 0 || nfields > 4096) ByteReader::fail("bad field count");
    std::vector<std::string> names;
    for (std::uint64_t i = 0; i < nfields; ++i) names.push_back(r.get_string());
    LexicalIndex index(names, params, positions);  // validates names and parameters
    Impl& s = *index.impl_;
    const auto vocabulary = r.get<std::uint64_t>();
    for (std::uint64_t t = 0; t < vocabulary; ++t) {
        if (s.dictionary.intern(r.get_string()) != t) ByteReader::fail("duplicate term in the dictionary");
    }
    for (auto& f : s.fields) f = read_field(r, params, positions, s.dictionary.size(), varint_blocks);
    if (s.fields.size() > 1) {
        s.combined = version == kVersionWithCombinedPostings
                         ? combined_of_stored(read_field(r, params, positions, s.dictionary.size(), varint_blocks), params, s.dictionary.size())
                         : read_combined(r, params, s.dictionary.size());
    }
    auto fwd_bytes = r.get_vector<std::uint8_t>();
    auto fwd_offsets = r.get_vector<std::uint64_t>();
    s.forward = ForwardIndex::from_raw(std::move(fwd_bytes), std::move(fwd_offsets), s.text_fields.size(),
                                       s.dictionary.size());
    const auto live_size = r.get<std::uint64_t>();
    const auto words = r.get_vector<std::uint64_t>();
    if (words.size() != (live_size + 63) / 64) ByteReader::fail("bad live set");
    s.live = Bitset(static_cast<std::size_t>(live_size));
    for (std::size_t i = 0; i < live_size; ++i)
        if ((words[i >> 6] >> (i & 63)) & 1U) s.live.set(i);
    s.live_count = static_cast<std::size_t>(r.get<std::uint64_t>());
    s.next_doc = r.get<std::uint32_t>();
    s.dead_postings = static_cast<std::size_t>(r.get<std::uint64_t>());
    if (s.live_count != s.live.count() || s.live.size() > s.next_doc) ByteReader::fail("inconsistent document counts");
    if (!r.at_end()) ByteReader::fail("trailing bytes");
    return index;
}

}  // namespace braid::lexical
