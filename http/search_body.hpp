#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace braid::http {

// A search request body, parsed. A query vector is most of a dense or hybrid body's bytes and
// most of the time Boost.JSON takes to read it (a value per element), so when the top-level
// "vector" member is a plain non-empty array of JSON numbers its floats are read straight from the
// bytes (`vector`), and `json` holds null in its place. Otherwise (the member is absent, escaped,
// repeated, or anything but such an array) `vector` is empty and `json` is the whole body.
struct SearchBody {
    boost::json::value json;
    std::optional<std::vector<float>> vector;
};

// Throws exactly what parse_json_body(body) throws for a body that is not valid JSON (it is what
// reads any body the fast path does not take).
SearchBody parse_search_body(std::string_view body);

// The top-level "vector" member's array, read from the bytes of a JSON object: where its `[`
// begins, where the byte after its `]` is, and its numbers as floats (each read as a double, as
// Boost.JSON does, then narrowed). nullopt whenever the fast path does not apply (see SearchBody);
// the body may still be malformed elsewhere.
struct VectorSpan {
    std::size_t begin = 0, end = 0;
    std::vector<float> values;
};
std::optional<VectorSpan> find_vector_array(std::string_view body);

}  // namespace braid::http
