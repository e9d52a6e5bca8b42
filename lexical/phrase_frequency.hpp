#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace braid::lexical {

// One term of a phrase as found in one document.
struct PhraseSlot {
    const std::vector<std::uint32_t>* positions = nullptr;  // the document's positions of the term, ascending
    std::uint32_t relative = 0;  // the term's position in the phrase (stopword gaps kept)
    std::size_t same_term = 0;   // index of the first slot with the same term (itself if none before)
};

// The phrase frequency BM25 takes as tf. Each slot's offset in the document is its position
// minus its relative position; a match gives every slot its own position (two slots of a
// repeated term never share one). A match starting at offset m has length d = (largest
// offset) - m. For every offset m at which some match starts, the shortest such match counts
// 1 / (1 + d) when d <= slop. With slop 0 this is the number of exact occurrences; with slop > 0
// terms may sit apart or out of order (Lucene's sloppy-phrase distance and slop factor
// 1 / (1 + distance); Lucene walks matches differently, so frequencies may differ from its own).
float phrase_frequency(std::span<const PhraseSlot> slots, std::uint32_t slop);

}  // namespace braid::lexical
