#pragma once
#include <cstdint>
#include <string_view>

namespace braid::engine {

// Where a collection records a write before applying it (the catalog's write-ahead log).
// append() returns once the record is durable; it throws braid::Error(io) when it is not.
class Journal {
public:
    virtual ~Journal() = default;
    virtual std::uint64_t append(std::string_view record) = 0;
};

}  // namespace braid::engine
