#include "dense/metric.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace braid::dense {

namespace {

std::string component_message(std::size_t index, const char* what) {
    // The value is ±infinity, which `what` says: no number to echo.
    return "vector component " + std::to_string(index) + " is " + what + "; every component must be a finite number";
}

}  // namespace

void validate_vector(std::span<const float> vector, std::size_t dimension, Metric metric) {
    if (vector.size() != dimension) {
        throw Error(ErrorKind::invalid_argument, "invalid_vector",
                    "vector has " + std::to_string(vector.size()) + " components; the collection's dimension is " +
                        std::to_string(dimension));
    }
    double squared_norm = 0.0;
    for (std::size_t i = 0; i < vector.size(); ++i) {
        const float v = vector[i];
        if (std::isnan(v)) {
            throw Error(ErrorKind::invalid_argument, "invalid_vector", "vector component " + std::to_string(i) +
                                                                           " is NaN; every component must be a finite number");
        }
        if (std::isinf(v)) {
            throw Error(ErrorKind::invalid_argument, "invalid_vector",
                        component_message(i, v > 0 ? "+infinity" : "-infinity"));
        }
        squared_norm += static_cast<double>(v) * v;
    }
    if (metric == Metric::cosine && !(squared_norm > 0.0)) {
        throw Error(ErrorKind::invalid_argument, "invalid_vector",
                    "vector is all zeros (components 0.." + std::to_string(dimension - 1) +
                        " are 0); cosine similarity needs a non-zero vector");
    }
    if (!std::isfinite(squared_norm) || (metric == Metric::cosine && !std::isfinite(std::sqrt(squared_norm)))) {
        throw Error(ErrorKind::invalid_argument, "invalid_vector",
                    "vector's length overflows; components must be smaller in magnitude");
    }
}

faiss::MetricType faiss_metric(Metric metric) {
    return metric == Metric::l2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
}

void prepare_vector(std::span<const float> vector, Metric metric, float* out) {
    if (metric != Metric::cosine) {
        std::copy(vector.begin(), vector.end(), out);
        return;
    }
    double squared_norm = 0.0;
    for (float v : vector) squared_norm += static_cast<double>(v) * v;
    const double inverse = 1.0 / std::sqrt(squared_norm);
    for (std::size_t i = 0; i < vector.size(); ++i) out[i] = static_cast<float>(vector[i] * inverse);
}

float score_from_faiss(float faiss_distance, Metric metric) {
    if (metric != Metric::l2) return faiss_distance;
    return -std::sqrt(std::max(faiss_distance, 0.0f));
}

bool faiss_better(float a, float b, Metric metric) { return metric == Metric::l2 ? a < b : a > b; }

const char* metric_name(Metric metric) {
    switch (metric) {
        case Metric::cosine: return "cosine";
        case Metric::dot: return "dot";
        case Metric::l2: return "l2";
    }
    return "unknown";
}

}  // namespace braid::dense
