#pragma once
#include <cstdint>
#include <limits>

namespace braid {

// Dense internal number of one stored document version inside a collection. A replaced document
// gets a new, larger ordinal. When most ordinals are dead, the collection renumbers its live
// documents in order (an OrdinalRemap, see engine/collection_state.hpp); ordinals never leave it.
using DocOrdinal = std::uint32_t;
inline constexpr DocOrdinal kNoDoc = std::numeric_limits<DocOrdinal>::max();

}  // namespace braid
