#pragma once
#include <cstddef>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "engine/search_request.hpp"

namespace braid::http {

// The JSON of a fusion choice, both ways, in one place: adding a parameter touches only this file
// here (its reading and its echo), beside the fusion module's struct, rule and use.

// {"method":"rrf","k","window","weights":{"lexical","dense"}} or
// {"method":"linear","alpha","normalization","window"}; members left out keep the struct's
// defaults. Wrong JSON types and unknown members are "invalid_request" / "unknown_member" (a
// member of the other method is unknown); an unknown method or normalization and values the
// fusion module's check refuses are "invalid_fusion"; each names its path ("fusion.alpha", ...).
engine::FusionParams read_fusion(const boost::json::value& value, std::size_t max_window);

// Every parameter applied, defaults included, in the shape read_fusion reads.
boost::json::object fusion_json(const engine::FusionParams& params);

}  // namespace braid::http
