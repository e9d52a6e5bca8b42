#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace braid::engine {

struct NdjsonLine {
    std::size_t number = 0;  // 1-based line number in the body
    std::string_view text;   // without the line break (and without a trailing '\r')
};

// The non-blank lines of an NDJSON body.
std::vector<NdjsonLine> split_ndjson(std::string_view body);

}  // namespace braid::engine
