#pragma once
#include <cstddef>
#include <optional>

#include <boost/json/object.hpp>

#include "engine/search_request.hpp"
#include "fusion/fusion.hpp"

namespace braid::engine {

// A hybrid search's fusion with every default filled in.
struct FusionSettings {
    enum class Method { rrf, linear } method = Method::rrf;
    fusion::RrfParams rrf;
    fusion::LinearParams linear;

    std::size_t window() const { return method == Method::rrf ? rrf.window : linear.window; }
    // Grows the window (each side's candidates) so it covers at least `needed` hits.
    void cover(std::size_t needed);
    // Every parameter applied, e.g. {"method":"rrf","k":60,"window":100,"weights":{...}}.
    boost::json::object echo() const;
};

// Fills defaults and validates; errors are braid::Error(invalid_argument, "invalid_fusion", ...,
// "fusion.<member>").
FusionSettings resolve_fusion(const std::optional<FusionRequest>& request);

}  // namespace braid::engine
