#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "config/config.hpp"

namespace braid::config {
namespace {

boost::json::value filter_json(const AnalyzerFilterConfig& filter) {
    if (filter.kind == "stop") {
        if (!filter.language.empty()) return boost::json::object{{"stop", filter.language}};
        boost::json::array words;
        for (const auto& word : filter.words) words.emplace_back(word);
        return boost::json::object{{"stop", std::move(words)}};
    }
    if (filter.kind == "stem") return boost::json::object{{"stem", filter.language}};
    if (filter.kind == "synonyms") {
        boost::json::object synonyms;
        if (!filter.synonym_sets.empty()) {
            boost::json::array sets;
            for (const auto& set : filter.synonym_sets) {
                boost::json::array entries;
                for (const auto& entry : set) entries.emplace_back(entry);
                sets.push_back(std::move(entries));
            }
            synonyms["sets"] = std::move(sets);
        }
        if (!filter.synonym_path.empty()) synonyms["path"] = filter.synonym_path;
        return boost::json::object{{"synonyms", std::move(synonyms)}};
    }
    if (filter.kind == "length") {
        boost::json::object bounds{{"min", filter.min_length}};
        if (filter.max_length != 0) bounds["max"] = filter.max_length;
        return boost::json::object{{"length", std::move(bounds)}};
    }
    return boost::json::value(filter.kind);
}

boost::json::value vector_json(const VectorConfig& vector) {
    boost::json::object out{
        {"field", vector.field},
        {"dimension", vector.dimension},
        {"metric", vector.metric},
        {"index",
         {{"type", vector.index.type},
          {"m", vector.index.m},
          {"ef_construction", vector.index.ef_construction},
          {"ef_search", vector.index.ef_search},
          {"quantization", vector.index.quantization}}},
        {"rebuild_dead_ratio", vector.rebuild_dead_ratio},
        {"exact_filter_threshold", vector.exact_filter_threshold},
    };
    if (vector.embedder) out["embedder"] = to_json(*vector.embedder);
    return out;
}

}  // namespace

boost::json::value to_json(const AnalyzerConfig& analyzer) {
    boost::json::array filters;
    for (const auto& filter : analyzer.filters) filters.push_back(filter_json(filter));
    return boost::json::object{{"tokenizer", analyzer.tokenizer}, {"filters", std::move(filters)}};
}

boost::json::value to_json(const CollectionConfig& collection) {
    boost::json::object fields;
    for (const auto& field : collection.fields) {
        boost::json::object spec{{"type", field_type_name(field.type)}};
        if (field.type == FieldType::text) spec["analyzer"] = field.analyzer;
        fields[field.name] = std::move(spec);
    }
    boost::json::array sources;
    for (const auto& source : collection.sources) sources.push_back(boost::json::object{{"path", source.path}});
    boost::json::object out{
        {"name", collection.name},
        {"id_field", collection.id_field},
        {"fields", std::move(fields)},
    };
    if (collection.vector) out["vector"] = vector_json(*collection.vector);
    out["bm25"] = boost::json::object{{"k1", collection.bm25.k1}, {"b", collection.bm25.b}};
    out["sources"] = std::move(sources);
    out["shards"] = collection.shards;
    return out;
}

boost::json::value to_json(const ClusterConfig& cluster) {
    boost::json::array nats;
    for (const auto& url : cluster.nats) nats.emplace_back(url);
    boost::json::object out{
        {"node", cluster.node},
        {"advertise", cluster.advertise},
        {"nats", std::move(nats)},
        {"replicas", cluster.replicas},
        {"snapshot_every_records", cluster.snapshot_every_records},
        {"trim_interval_ms", cluster.trim_interval_ms},
    };
    if (cluster.holds) {
        boost::json::array holds;
        for (const auto shard : *cluster.holds) holds.emplace_back(shard);
        out["holds"] = std::move(holds);
    } else {
        out["holds"] = nullptr;
    }
    return out;
}

}  // namespace braid::config
