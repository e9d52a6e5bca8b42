// The search request body parser: any bytes parse to a request within the limits, or throw
// braid::Error(invalid_argument).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"
#include "http/json_body.hpp"
#include "http/search_request_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const braid::http::SearchLimits limits{100, 1000, 1000};
    try {
        const auto request = braid::http::parse_search_request(braid::http::parse_json_body(text), limits);
        if (request.k > limits.max_k || request.offset > limits.max_offset) std::abort();
        if (!request.query && !request.vector) std::abort();
    } catch (const braid::Error& e) {
        if (e.kind() != braid::ErrorKind::invalid_argument) std::abort();
    }
    return 0;
}
