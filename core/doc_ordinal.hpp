#pragma once
#include <cstdint>
#include <limits>

namespace braid {

// Dense internal number of one stored document version inside a collection. A replaced document
// gets a new ordinal; ordinals are never reused while the collection is open.
using DocOrdinal = std::uint32_t;
inline constexpr DocOrdinal kNoDoc = std::numeric_limits<DocOrdinal>::max();

}  // namespace braid
