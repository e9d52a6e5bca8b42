#pragma once
#include <string>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "dense/vector_index.hpp"

namespace braid::engine {

// Checks what the config parser cannot: every text field's analyzer exists in `registry`.
// Throws braid::Error(invalid_argument, "unknown_analyzer", ..., "fields.<name>.analyzer").
void check_schema(const config::CollectionConfig& schema, const analyzers::AnalyzerRegistry& registry);

// The dense index parameters of a collection's vector config.
dense::VectorIndexSpec vector_spec(const config::VectorConfig& vector);

// The JSON path of the first member where two schemas differ (compared through config::to_json;
// `sources` are ignored: they say where documents come from, not how they are indexed), or an
// empty string when they agree.
std::string first_schema_difference(const config::CollectionConfig& stored, const config::CollectionConfig& wanted);

// Whether a field type is searched lexically (text) or filtered (everything else).
inline bool is_text(const config::FieldConfig& field) { return field.type == config::FieldType::text; }

}  // namespace braid::engine
