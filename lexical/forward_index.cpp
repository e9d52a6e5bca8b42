#include "lexical/forward_index.hpp"

#include "core/error.hpp"
#include "lexical/varint.hpp"

namespace braid::lexical {
namespace {
[[noreturn]] void corrupt(const char* what) {
    throw Error(ErrorKind::io, "corrupt_index", std::string("corrupt lexical index: ") + what);
}
}  // namespace

void ForwardIndex::add(DocOrdinal doc, const std::vector<std::vector<TermId>>& field_terms) {
    while (offsets_.size() < static_cast<std::size_t>(doc) + 1) offsets_.push_back(bytes_.size());
    // Grow by 1.25x rather than std::vector's doubling: this array holds a few bytes per posting.
    if (bytes_.capacity() - bytes_.size() < 4096) bytes_.reserve(bytes_.capacity() + bytes_.capacity() / 4 + 65536);
    for (const auto& terms : field_terms) {
        put_varint(bytes_, static_cast<std::uint32_t>(terms.size()));
        TermId last = 0;
        for (TermId t : terms) {
            put_varint(bytes_, t - last);
            last = t;
        }
    }
    offsets_.push_back(bytes_.size());
}

std::vector<std::vector<TermId>> ForwardIndex::get(DocOrdinal doc, std::size_t fields) const {
    std::vector<std::vector<TermId>> out(fields);
    if (static_cast<std::size_t>(doc) + 1 >= offsets_.size()) return out;
    if (offsets_[doc] == offsets_[doc + 1]) return out;
    const std::uint8_t* p = bytes_.data() + offsets_[doc];
    for (auto& terms : out) {
        terms.resize(get_varint(p));
        TermId last = 0;
        for (auto& t : terms) last = t = last + get_varint(p);
    }
    return out;
}

void ForwardIndex::remap(const OrdinalRemap& remap) {
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint64_t> offsets{0};
    offsets.reserve(remap.new_end() + 1);
    for (std::size_t d = 0; d + 1 < offsets_.size(); ++d) {
        const DocOrdinal moved = remap(static_cast<DocOrdinal>(d));
        if (moved == kNoDoc) continue;
        while (offsets.size() < static_cast<std::size_t>(moved) + 1) offsets.push_back(bytes.size());
        bytes.insert(bytes.end(), bytes_.begin() + static_cast<std::ptrdiff_t>(offsets_[d]),
                     bytes_.begin() + static_cast<std::ptrdiff_t>(offsets_[d + 1]));
        offsets.push_back(bytes.size());
    }
    bytes_ = std::move(bytes);
    offsets_ = std::move(offsets);
}

ForwardIndex ForwardIndex::from_raw(std::vector<std::uint8_t> bytes, std::vector<std::uint64_t> offsets,
                                    std::size_t fields, std::size_t vocabulary) {
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size()) corrupt("bad forward offsets");
    const std::uint8_t* base = bytes.data();
    for (std::size_t d = 0; d + 1 < offsets.size(); ++d) {
        if (offsets[d + 1] < offsets[d]) corrupt("bad forward offsets");
        if (offsets[d + 1] == offsets[d]) continue;
        const std::uint8_t* p = base + offsets[d];
        const std::uint8_t* end = base + offsets[d + 1];
        auto read = [&]() {
            std::uint64_t v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (p >= end) corrupt("truncated forward record");
                const std::uint8_t byte = *p++;
                v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
                if (byte < 0x80) return v;
            }
            corrupt("bad varint in forward record");
        };
        for (std::size_t f = 0; f < fields; ++f) {
            const auto n = read();
            std::uint64_t last = 0;
            for (std::uint64_t i = 0; i < n; ++i) {
                const auto gap = read();
                if (i > 0 && gap == 0) corrupt("unsorted forward record");
                last += gap;
                if (last >= vocabulary) corrupt("forward record names an unknown term");
            }
        }
        if (p != end) corrupt("trailing bytes in forward record");
    }
    ForwardIndex f;
    f.bytes_ = std::move(bytes);
    f.offsets_ = std::move(offsets);
    return f;
}

}  // namespace braid::lexical
