#include "fusion/parameter_checks.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/json_text.hpp"

namespace braid::fusion {
namespace {

[[noreturn]] void reject(const std::string& member, const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_fusion", message, "fusion." + member);
}

// As every message echoes a number (core/json_text): "1.5", not "1.500000" or "1.5E0".
std::string shown(double value) { return number_text(value); }

}  // namespace

void check(const RrfParams& params) {
    if (!std::isfinite(params.k) || params.k < 0) {
        reject("k", "fusion.k must be a finite number >= 0, got " + shown(params.k));
    }
    if (!std::isfinite(params.lexical_weight) || params.lexical_weight < 0) {
        reject("weights.lexical", "fusion.weights.lexical must be a finite number >= 0, got " + shown(params.lexical_weight));
    }
    if (!std::isfinite(params.dense_weight) || params.dense_weight < 0) {
        reject("weights.dense", "fusion.weights.dense must be a finite number >= 0, got " + shown(params.dense_weight));
    }
}

void check(const LinearParams& params) {
    if (!std::isfinite(params.alpha) || params.alpha < 0 || params.alpha > 1) {
        reject("alpha", "fusion.alpha must be between 0 and 1, got " + shown(params.alpha));
    }
}

void check(const FusionParams& params) {
    std::visit([](const auto& p) { check(p); }, params);
}

}  // namespace braid::fusion
