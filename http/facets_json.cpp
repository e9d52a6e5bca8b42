#include "http/facets_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "http/json_body.hpp"

namespace braid::http {

namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& path, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + what, path);
}

engine::FacetRange read_range(const json::value& value, const std::string& path) {
    const auto& object = expect_object(value, path);
    reject_unknown_members(object, {"gte", "lt"}, path);
    engine::FacetRange range;
    if (const auto* v = object.if_contains("gte")) range.gte = expect_number(*v, path + ".gte");
    if (const auto* v = object.if_contains("lt")) range.lt = expect_number(*v, path + ".lt");
    return range;
}

json::value bound_json(const std::optional<double>& bound) { return bound ? json::value(*bound) : json::value(nullptr); }

json::object bucket_json(const engine::FacetBucket& bucket) {
    json::object out;
    if (bucket.value) {
        std::visit([&](const auto& v) { out["value"] = v; }, *bucket.value);
    }
    if (bucket.range) {
        out["gte"] = bound_json(bucket.range->gte);
        out["lt"] = bound_json(bucket.range->lt);
    }
    out["count"] = bucket.count;
    return out;
}

}  // namespace

std::vector<engine::FacetRequest> read_facets(const json::value& value) {
    const auto& object = expect_object(value, "facets");
    if (object.empty()) invalid("facets", "expected at least one field");
    std::vector<engine::FacetRequest> facets;
    for (const auto& member : object) {
        const std::string field(member.key());
        const std::string path = "facets." + field;
        const auto& spec = expect_object(member.value(), path);
        reject_unknown_members(spec, {"size", "ranges"}, path);
        engine::FacetRequest facet;
        facet.field = field;
        if (const auto* size = spec.if_contains("size"))
            facet.size = static_cast<std::size_t>(expect_integer(*size, path + ".size", 1, 1000));
        if (const auto* ranges = spec.if_contains("ranges")) {
            const auto* array = ranges->if_array();
            if (!array) invalid(path + ".ranges", "expected an array of {\"gte\", \"lt\"} objects");
            if (array->empty()) invalid(path + ".ranges", "expected at least one range");
            for (std::size_t i = 0; i < array->size(); ++i)
                facet.ranges.push_back(read_range((*array)[i], path + ".ranges[" + std::to_string(i) + "]"));
        }
        facets.push_back(std::move(facet));
    }
    return facets;
}

void append_totals_and_facets(std::string& out, const engine::SearchResponse& response) {
    if (response.total) {
        out += ",\"total\":";
        append_json_text(out, json::object{{"lexical", response.total->lexical},
                                           {"dense_window", response.total->dense_window}});
    }
    if (response.facets) {
        json::object facets;
        for (const auto& facet : *response.facets) {
            json::array buckets;
            for (const auto& bucket : facet.buckets) buckets.push_back(bucket_json(bucket));
            json::object result{{"buckets", std::move(buckets)}};
            if (facet.other) result["other"] = *facet.other;
            facets[facet.field] = std::move(result);
        }
        out += ",\"facets\":";
        append_json_text(out, facets);
    }
}

}  // namespace braid::http
