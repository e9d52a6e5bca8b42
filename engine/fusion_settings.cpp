#include "engine/fusion_settings.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace braid::engine {

namespace {

[[noreturn]] void invalid(const std::string& member, const std::string& what) {
    const std::string path = "fusion." + member;
    throw Error(ErrorKind::invalid_argument, "invalid_fusion", path + ": " + what, path);
}

void only_for(const char* member, bool given, const char* method) {
    if (given) invalid(member, std::string("\"") + member + "\" applies only to " + method + " fusion");
}

}  // namespace

void FusionSettings::cover(std::size_t needed) {
    rrf.window = std::max(rrf.window, needed);
    linear.window = std::max(linear.window, needed);
}

boost::json::object FusionSettings::echo() const {
    boost::json::object out;
    if (method == Method::rrf) {
        out["method"] = "rrf";
        out["k"] = rrf.k;
        out["window"] = rrf.window;
        out["weights"] = boost::json::object{{"lexical", rrf.lexical_weight}, {"dense", rrf.dense_weight}};
    } else {
        out["method"] = "linear";
        out["alpha"] = linear.alpha;
        out["normalization"] = linear.normalization == fusion::Normalization::minmax ? "minmax" : "zscore";
        out["window"] = linear.window;
    }
    return out;
}

FusionSettings resolve_fusion(const std::optional<FusionRequest>& request) {
    FusionSettings settings;
    if (!request) return settings;
    const FusionRequest& r = *request;
    if (r.window && *r.window == 0) invalid("window", "must be at least 1");
    if (r.method == "rrf") {
        only_for("alpha", r.alpha.has_value(), "linear");
        only_for("normalization", r.normalization.has_value(), "linear");
        if (r.k) {
            if (!std::isfinite(*r.k) || *r.k < 0) invalid("k", "must be a number >= 0");
            settings.rrf.k = *r.k;
        }
        if (r.window) settings.rrf.window = *r.window;
        for (auto [weight, name] : {std::pair{r.lexical_weight, "weights.lexical"}, std::pair{r.dense_weight, "weights.dense"}})
            if (weight && (!std::isfinite(*weight) || *weight < 0)) invalid(name, "must be a number >= 0");
        if (r.lexical_weight) settings.rrf.lexical_weight = *r.lexical_weight;
        if (r.dense_weight) settings.rrf.dense_weight = *r.dense_weight;
        return settings;
    }
    if (r.method == "linear") {
        settings.method = FusionSettings::Method::linear;
        only_for("k", r.k.has_value(), "rrf");
        only_for("weights", r.lexical_weight.has_value() || r.dense_weight.has_value(), "rrf");
        if (r.alpha) {
            if (!(*r.alpha >= 0 && *r.alpha <= 1)) invalid("alpha", "must be between 0 and 1");
            settings.linear.alpha = *r.alpha;
        }
        if (r.normalization) {
            if (*r.normalization == "zscore") settings.linear.normalization = fusion::Normalization::zscore;
            else if (*r.normalization != "minmax")
                invalid("normalization", "expected \"minmax\" or \"zscore\", got \"" + *r.normalization + "\"");
        }
        if (r.window) settings.linear.window = *r.window;
        return settings;
    }
    invalid("method", "expected \"rrf\" or \"linear\", got \"" + r.method + "\"");
}

}  // namespace braid::engine
