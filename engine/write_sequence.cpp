#include "engine/write_sequence.hpp"

namespace braid::engine {
namespace {

thread_local std::optional<std::uint64_t> noted;

}  // namespace

void clear_write_sequence() { noted.reset(); }

void note_write_sequence(std::uint64_t sequence) {
    if (!noted || *noted < sequence) noted = sequence;
}

std::optional<std::uint64_t> noted_write_sequence() { return noted; }

}  // namespace braid::engine
