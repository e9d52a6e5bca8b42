#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include <faiss/MetricType.h>

#include "dense/vector_index.hpp"

namespace braid::dense {

// FAISS metric behind each braid metric: cosine runs as inner product over normalized vectors.
faiss::MetricType faiss_metric(Metric metric);

// The vector as FAISS should store or search it: a unit-length copy under cosine, as is otherwise.
// `out` receives vector.size() floats.
void prepare_vector(std::span<const float> vector, Metric metric, float* out);

// braid score from a FAISS distance: similarity under cosine/dot, -sqrt(squared L2) under l2.
float score_from_faiss(float faiss_distance, Metric metric);

// True when a FAISS distance `a` ranks before `b` (larger similarity, smaller L2 distance).
bool faiss_better(float a, float b, Metric metric);

const char* metric_name(Metric metric);

}  // namespace braid::dense
