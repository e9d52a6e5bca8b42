#pragma once
#include "fusion/fusion.hpp"

namespace braid::fusion {

// The one home of the fusion parameters' rules. Throw braid::Error(invalid_argument,
// "invalid_fusion", ..., "fusion.<member>") for parameters that would make scores meaningless
// (NaN, infinite, negative weights, alpha outside [0, 1]). Any window is valid (0 fuses nothing).
void check(const RrfParams& params);
void check(const LinearParams& params);
void check(const FusionParams& params);

}  // namespace braid::fusion
