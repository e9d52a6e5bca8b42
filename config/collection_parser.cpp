#include <algorithm>
#include <limits>

#include "config/json_reader.hpp"
#include "config/parsers.hpp"

namespace braid::config {
namespace {

using detail::as_unsigned;
using detail::element_path;
using detail::fail;
using detail::fail_expected;
using detail::ObjectReader;

constexpr std::uint64_t kMaxDimension = 65536;
constexpr std::uint64_t kMaxGraphDegree = 512;
constexpr std::uint64_t kMaxEf = 1u << 20;
constexpr std::uint64_t kMaxShards = 256;

FieldType parse_field_type(const boost::json::value& value, const std::string& path) {
    const std::string type = detail::as_choice(value, path, {"text", "keyword", "integer", "float", "bool"});
    if (type == "keyword") return FieldType::keyword;
    if (type == "integer") return FieldType::integer;
    if (type == "float") return FieldType::floating;
    if (type == "bool") return FieldType::boolean;
    return FieldType::text;
}

std::vector<FieldConfig> parse_fields(const boost::json::value& value, const std::string& path) {
    const auto* object = value.if_object();
    if (object == nullptr) fail_expected(path, "an object of fields by name, e.g. {\"title\": {\"type\": \"text\"}}", value);
    std::vector<FieldConfig> fields;
    for (const auto& member : *object) {
        const std::string field_path = detail::member_path(path, member.key());
        FieldConfig field;
        field.name = detail::as_safe_name(boost::json::value(member.key()), field_path, "a field name");
        const ObjectReader reader(member.value(), field_path, {"type", "analyzer"});
        if (const auto* v = reader.find("type")) field.type = parse_field_type(*v, reader.path_of("type"));
        if (const auto* v = reader.find("analyzer")) {
            if (field.type != FieldType::text) {
                fail(reader.path_of("analyzer"), "only text fields have an analyzer (this field is " +
                                                     std::string(field_type_name(field.type)) + ")");
            }
            field.analyzer = detail::as_string(*v, reader.path_of("analyzer"));
        }
        fields.push_back(std::move(field));
    }
    return fields;
}

VectorIndexConfig parse_vector_index(const boost::json::value& value, const std::string& path) {
    const ObjectReader reader(value, path, {"type", "m", "ef_construction", "ef_search", "quantization"});
    VectorIndexConfig index;
    if (const auto* v = reader.find("type")) index.type = detail::as_choice(*v, reader.path_of("type"), {"hnsw", "flat"});
    if (const auto* v = reader.find("m")) {
        index.m = static_cast<int>(as_unsigned(*v, reader.path_of("m"), 2, kMaxGraphDegree, "an integer from 2 to 512"));
    }
    if (const auto* v = reader.find("ef_construction")) {
        index.ef_construction = static_cast<int>(
            as_unsigned(*v, reader.path_of("ef_construction"), 1, kMaxEf, "a positive integer (at most 1048576)"));
    }
    if (const auto* v = reader.find("ef_search")) {
        index.ef_search = static_cast<int>(
            as_unsigned(*v, reader.path_of("ef_search"), 1, kMaxEf, "a positive integer (at most 1048576)"));
    }
    if (const auto* v = reader.find("quantization")) {
        index.quantization = detail::as_choice(*v, reader.path_of("quantization"), {"none", "int8"});
    }
    return index;
}

VectorConfig parse_vector(const boost::json::value& value, const std::string& path,
                          const std::filesystem::path& base_dir) {
    const ObjectReader reader(value, path,
                              {"field", "dimension", "metric", "index", "rebuild_dead_ratio", "exact_filter_threshold",
                               "embedder"});
    VectorConfig vector;
    if (const auto* v = reader.find("field")) vector.field = detail::as_safe_name(*v, reader.path_of("field"), "a field name");
    vector.dimension = as_unsigned(reader.require("dimension", "a positive integer"), reader.path_of("dimension"), 1,
                                   kMaxDimension, "a positive integer");
    if (const auto* v = reader.find("metric")) vector.metric = detail::as_choice(*v, reader.path_of("metric"), {"cosine", "dot", "l2"});
    if (const auto* v = reader.find("index")) vector.index = parse_vector_index(*v, reader.path_of("index"));
    if (const auto* v = reader.find("rebuild_dead_ratio")) {
        vector.rebuild_dead_ratio = detail::as_number(*v, reader.path_of("rebuild_dead_ratio"), 0.0, 1.0,
                                                      "a number greater than 0 and at most 1");
        if (vector.rebuild_dead_ratio <= 0.0) {
            fail_expected(reader.path_of("rebuild_dead_ratio"), "a number greater than 0 and at most 1", *v);
        }
    }
    if (const auto* v = reader.find("exact_filter_threshold")) {
        vector.exact_filter_threshold = as_unsigned(*v, reader.path_of("exact_filter_threshold"), 0,
                                                    std::numeric_limits<std::uint32_t>::max(), "a non-negative integer");
    }
    if (const auto* v = reader.find("embedder"); v != nullptr && !v->is_null()) {
        vector.embedder = detail::parse_embedder(*v, reader.path_of("embedder"), vector.dimension, base_dir);
    }
    return vector;
}

Bm25Config parse_bm25(const boost::json::value& value, const std::string& path) {
    const ObjectReader reader(value, path, {"k1", "b"});
    Bm25Config bm25;
    if (const auto* v = reader.find("k1")) {
        bm25.k1 = detail::as_number(*v, reader.path_of("k1"), 0.0, 1000.0, "a number from 0 to 1000");
    }
    if (const auto* v = reader.find("b")) bm25.b = detail::as_number(*v, reader.path_of("b"), 0.0, 1.0, "a number from 0 to 1");
    return bm25;
}

std::vector<SourceConfig> parse_sources(const boost::json::value& value, const std::string& path,
                                        const std::filesystem::path& base_dir) {
    const auto* array = value.if_array();
    if (array == nullptr) fail_expected(path, "an array of sources, e.g. [{\"path\": \"corpus.jsonl\"}]", value);
    std::vector<SourceConfig> sources;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const ObjectReader reader((*array)[i], element_path(path, i), {"path"});
        SourceConfig source;
        source.path = detail::resolve_path(
            detail::as_string(reader.require("path", "a file path"), reader.path_of("path")), base_dir);
        sources.push_back(std::move(source));
    }
    return sources;
}

// Names a document member may only have one meaning for.
void check_distinct_members(const CollectionConfig& collection, const ObjectReader& reader) {
    if (collection.field(collection.id_field) != nullptr) {
        fail(detail::member_path(reader.path_of("fields"), collection.id_field),
             "the id field \"" + collection.id_field + "\" cannot also be a declared field");
    }
    if (!collection.vector) return;
    const std::string vector_path = detail::member_path(reader.path_of("vector"), "field");
    if (collection.vector->field == collection.id_field) {
        fail(vector_path, "the vector field cannot be the id field \"" + collection.id_field + "\"");
    }
    if (collection.field(collection.vector->field) != nullptr) {
        fail(vector_path, "the vector field \"" + collection.vector->field + "\" is also declared in fields");
    }
    if (!collection.vector->embedder) return;
    const std::string source_path =
        detail::member_path(detail::member_path(reader.path_of("vector"), "embedder"), "source");
    const auto& source = collection.vector->embedder->source;
    for (std::size_t i = 0; i < source.size(); ++i) {
        const FieldConfig* field = collection.field(source[i]);
        if (field == nullptr || field->type != FieldType::text)
            fail(element_path(source_path, i), "\"" + source[i] + "\" is not a text field of the collection");
    }
    if (source.empty() && std::none_of(collection.fields.begin(), collection.fields.end(),
                                       [](const FieldConfig& f) { return f.type == FieldType::text; })) {
        fail(source_path, "missing: the collection has no text field to embed");
    }
}

}  // namespace

CollectionConfig parse_collection(const boost::json::value& value, const std::string& path,
                                  const std::optional<std::string>& name_override,
                                  const std::filesystem::path& base_dir) {
    const ObjectReader reader(value, path, {"name", "id_field", "fields", "vector", "bm25", "sources", "shards"});
    CollectionConfig collection;
    const auto* name = reader.find("name");
    if (name_override) {
        collection.name = detail::as_safe_name(boost::json::value(*name_override), reader.path_of("name"),
                                               "a collection name");
        if (name != nullptr && !(name->is_string() && name->get_string() == *name_override)) {
            fail_expected(reader.path_of("name"), "\"" + *name_override + "\" (the name in the URL) or no name", *name);
        }
    } else {
        collection.name = detail::as_safe_name(reader.require("name", "a collection name"), reader.path_of("name"),
                                               "a collection name");
    }
    if (const auto* v = reader.find("id_field")) collection.id_field = detail::as_safe_name(*v, reader.path_of("id_field"), "a field name");
    if (const auto* v = reader.find("fields")) collection.fields = parse_fields(*v, reader.path_of("fields"));
    if (const auto* v = reader.find("vector"); v != nullptr && !v->is_null()) {
        collection.vector = parse_vector(*v, reader.path_of("vector"), base_dir);
    }
    if (const auto* v = reader.find("bm25")) collection.bm25 = parse_bm25(*v, reader.path_of("bm25"));
    if (const auto* v = reader.find("sources")) collection.sources = parse_sources(*v, reader.path_of("sources"), base_dir);
    if (const auto* v = reader.find("shards")) {
        collection.shards = static_cast<std::uint32_t>(
            as_unsigned(*v, reader.path_of("shards"), 1, kMaxShards, "a shard count from 1 to 256"));
    }
    check_distinct_members(collection, reader);
    return collection;
}

}  // namespace braid::config
