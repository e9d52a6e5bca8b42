// The search request body parser: any bytes parse to a request within the limits, or throw
// braid::Error(invalid_argument); the handler's path (a plain vector read from the bytes,
// http/search_body.hpp) reads the same request, or throws the same error, as Boost.JSON's.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/json_body.hpp"
#include "http/search_body.hpp"
#include "http/search_request_json.hpp"

namespace {

// The request's vector, or the error's type, path and message.
struct Outcome {
    std::optional<braid::engine::SearchRequest> request;
    std::string error;
};

template <class Parse>
Outcome outcome(Parse&& parse) {
    try {
        return {parse(), {}};
    } catch (const braid::Error& e) {
        if (e.kind() != braid::ErrorKind::invalid_argument) std::abort();
        return {std::nullopt, e.type() + "|" + e.path() + "|" + e.what()};
    }
}

// Equal, or one float apart (Boost.JSON 1.81 reads a decimal to within 1 ULP of the double).
bool close(float a, float b) { return a == b || std::nextafter(a, b) == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const braid::http::SearchLimits limits{100, 1000, 1000};
    const Outcome slow = outcome([&] { return braid::http::parse_search_request(braid::http::parse_json_body(text), limits); });
    const Outcome fast = outcome([&] {
        braid::http::SearchBody body = braid::http::parse_search_body(text);
        return braid::http::parse_search_request(body.json, limits, std::move(body.vector));
    });
    if (slow.error != fast.error || slow.request.has_value() != fast.request.has_value()) std::abort();
    if (!slow.request) return 0;
    const auto& request = *slow.request;
    if (request.k > limits.max_k || request.offset > limits.max_offset) std::abort();
    if (!request.query && !request.vector) std::abort();
    const auto& a = request.vector;
    const auto& b = fast.request->vector;
    if (a.has_value() != b.has_value() || (a && a->size() != b->size())) std::abort();
    for (std::size_t i = 0; a && i < a->size(); ++i)
        if (!close((*a)[i], (*b)[i])) std::abort();
    return 0;
}
