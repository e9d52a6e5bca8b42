#pragma once
// Small synthetic collections for the engine tests.
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"
#include "tests/support/temp_dir.hpp"

namespace braid::engine::testing {

// "b" + std::to_string(i), written so GCC 12 raises no false -Wrestrict warning.
inline std::string numbered(std::string prefix, long long i) {
    prefix += std::to_string(i);
    return prefix;
}

inline config::CollectionConfig books_schema(std::string name = "books", std::size_t dimension = 4) {
    config::CollectionConfig schema;
    schema.name = std::move(name);
    schema.id_field = "id";
    schema.fields = {
        {"title", config::FieldType::text, "english"},
        {"body", config::FieldType::text, "english"},
        {"tags", config::FieldType::keyword, "standard"},
        {"year", config::FieldType::integer, "standard"},
        {"price", config::FieldType::floating, "standard"},
        {"available", config::FieldType::boolean, "standard"},
    };
    if (dimension > 0) {
        config::VectorConfig vector;
        vector.field = "embedding";
        vector.dimension = dimension;
        vector.metric = "cosine";
        vector.index.m = 16;
        vector.index.ef_construction = 100;
        vector.index.ef_search = 64;
        schema.vector = vector;
    }
    return schema;
}

inline const std::vector<std::string>& vocabulary() {
    static const std::vector<std::string> words{"river", "mountain", "forest", "ocean", "desert", "valley",
                                                "island", "glacier", "canyon", "meadow", "volcano", "prairie"};
    return words;
}

// A deterministic document: words, tags, year, price, availability and a 4-d vector depend on i.
inline boost::json::object book(int i) {
    const auto& words = vocabulary();
    const std::size_t n = words.size();
    const auto w = [&](int k) { return words[static_cast<std::size_t>(k) % n]; };
    boost::json::object doc;
    doc["id"] = numbered("b", i);
    doc["title"] = w(i) + " " + w(i * 7 + 3);
    doc["body"] = "the " + w(i * 3 + 1) + " near the " + w(i * 5 + 2) + " and a " + w(i);
    doc["tags"] = boost::json::array{numbered("t", i % 3), numbered("u", i % 5)};
    doc["year"] = 2000 + i % 20;
    doc["price"] = 1.5 * (i % 10);
    doc["available"] = i % 2 == 0;
    const double a = i * 0.37;
    doc["embedding"] = boost::json::array{std::cos(a) + 0.05, std::sin(a), std::cos(2 * a), 0.3 + 0.1 * (i % 7)};
    doc["extra"] = boost::json::object{{"nested", boost::json::array{1, "two", nullptr}}};
    return doc;
}

// What a client reads back: Boost.JSON 1.81 parses some doubles one ulp off, so a stored
// document is compared with the parse of its serialization, as a client sending it would have.
inline boost::json::value as_parsed(const boost::json::object& doc) {
    return boost::json::parse(boost::json::serialize(doc));
}

// A document as read back equals the one sent: every member the same, except that the vector
// comes back from the dense index as floats (under cosine, the unit vector times the norm), so
// its components are compared to within a few float ulps.
inline bool same_document(const boost::json::value& got, const boost::json::value& sent,
                          const std::string& vector_field = "embedding") {
    if (!got.is_object() || !sent.is_object() || got.as_object().size() != sent.as_object().size()) return false;
    for (const auto& member : sent.as_object()) {
        const auto* mine = got.as_object().if_contains(member.key());
        if (!mine) return false;
        if (member.key() != vector_field) {
            if (*mine != member.value()) return false;
            continue;
        }
        if (!mine->is_array() || mine->as_array().size() != member.value().as_array().size()) return false;
        for (std::size_t i = 0; i < mine->as_array().size(); ++i) {
            const double a = mine->as_array()[i].to_number<double>(), b = member.value().as_array()[i].to_number<double>();
            if (std::abs(a - b) > 4e-7 * std::max(1.0, std::abs(b))) return false;
        }
    }
    return true;
}

// A hit's document (its JSON text), parsed.
inline boost::json::value document_of(const Hit& hit) { return boost::json::parse(hit.document); }

inline std::vector<float> book_vector(int i) {
    const auto doc = book(i);
    std::vector<float> v;
    for (const auto& x : doc.at("embedding").as_array()) v.push_back(static_cast<float>(x.to_number<double>()));
    return v;
}

inline std::unique_ptr<Catalog> memory_catalog() {
    return std::make_unique<Catalog>(CatalogOptions{}, analyzers::AnalyzerRegistry::with_builtins());
}

inline std::shared_ptr<Collection> books_collection(Catalog& catalog, int documents) {
    auto collection = catalog.create(books_schema());
    for (int i = 0; i < documents; ++i) collection->upsert(numbered("b", i), book(i));
    return collection;
}

using TempDir = braid::test_support::TempDir;

inline std::vector<std::string> ids(const SearchResponse& response) {
    std::vector<std::string> out;
    for (const auto& hit : response.hits) out.push_back(hit.id);
    return out;
}

}  // namespace braid::engine::testing
