#include "engine/schema.hpp"

#include <algorithm>
#include <string>

#include <boost/json/value.hpp>

#include "config/json_kit.hpp"
#include "core/error.hpp"

namespace braid::engine {

namespace {

std::string first_difference(const boost::json::value& a, const boost::json::value& b, const std::string& path) {
    const auto here = path.empty() ? std::string("(schema)") : path;
    if (a.is_object() && b.is_object()) {
        const auto& x = a.get_object();
        const auto& y = b.get_object();
        for (const auto& [key, value] : x) {
            const std::string member = config::json_kit::member_path(path, key);
            const auto* other = y.if_contains(key);
            if (!other) return member;
            if (auto d = first_difference(value, *other, member); !d.empty()) return d;
        }
        for (const auto& [key, value] : y)
            if (!x.contains(key)) return config::json_kit::member_path(path, key);
        return {};
    }
    if (a.is_array() && b.is_array()) {
        const auto& x = a.get_array();
        const auto& y = b.get_array();
        for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i)
            if (auto d = first_difference(x[i], y[i], config::json_kit::element_path(path, i)); !d.empty()) return d;
        return x.size() == y.size() ? std::string{} : here;
    }
    if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>() ? std::string{} : here;
    return a == b ? std::string{} : here;
}

boost::json::value comparable(const config::CollectionConfig& schema) {
    boost::json::value value = config::to_json(schema);
    if (value.is_object()) value.get_object().erase("sources");
    return value;
}

}  // namespace

std::string first_schema_difference(const config::CollectionConfig& stored, const config::CollectionConfig& wanted) {
    return first_difference(comparable(stored), comparable(wanted), "");
}

void check_schema(const config::CollectionConfig& schema, const analyzers::AnalyzerRegistry& registry) {
    if (!config::is_safe_name(schema.name))
        throw Error(ErrorKind::invalid_argument, "invalid_name",
                    "name: \"" + schema.name + "\" is not a valid collection name "
                    "(letters, digits, '_', '.', '-'; at most 128 characters)", "name");
    // A collection without text fields is vector-only (no lexical index); one with neither could
    // never be searched.
    if (!schema.vector && std::none_of(schema.fields.begin(), schema.fields.end(), [](const auto& f) { return is_text(f); }))
        throw Error(ErrorKind::invalid_argument, "invalid_schema",
                    "fields: collection \"" + schema.name +
                        "\" has neither a text field nor a vector: it could not be searched; add a text field "
                        "or a \"vector\"", "fields");
    for (const auto& field : schema.fields) {
        if (!is_text(field) || registry.contains(field.analyzer)) continue;
        std::string available;
        for (const auto& name : registry.names()) available += (available.empty() ? "" : ", ") + name;
        const std::string path = "fields." + field.name + ".analyzer";
        throw Error(ErrorKind::invalid_argument, "unknown_analyzer",
                    path + ": unknown analyzer \"" + field.analyzer + "\"; available: " + available, path);
    }
}

dense::VectorIndexSpec vector_spec(const config::VectorConfig& vector) {
    dense::VectorIndexSpec spec;
    spec.dimension = vector.dimension;
    spec.metric = vector.metric == "dot" ? dense::Metric::dot
                  : vector.metric == "l2" ? dense::Metric::l2
                                          : dense::Metric::cosine;
    spec.type = vector.index.type == "flat" ? dense::IndexType::flat : dense::IndexType::hnsw;
    spec.m = vector.index.m;
    spec.ef_construction = vector.index.ef_construction;
    spec.ef_search = vector.index.ef_search;
    spec.quantization = vector.index.quantization == "int8" ? dense::Quantization::int8 : dense::Quantization::none;
    spec.rebuild_dead_ratio = vector.rebuild_dead_ratio;
    spec.exact_filter_threshold = vector.exact_filter_threshold;
    return spec;
}

}  // namespace braid::engine
