#pragma once
#include "fusion/fusion.hpp"

namespace braid::fusion {

// Throw braid::Error(invalid_argument, "invalid_fusion", ..., "fusion.<member>") for parameters
// that would make scores meaningless (NaN, infinite, negative weights, alpha outside [0, 1]).
void check(const RrfParams& params);
void check(const LinearParams& params);

}  // namespace braid::fusion
