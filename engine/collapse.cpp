#include "engine/collapse.hpp"

#include <unordered_set>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "engine/search_plan.hpp"
#include "engine/stored_document.hpp"

namespace braid::engine {

std::optional<std::string> collapse_key(std::string_view document_json, const std::string& field) {
    boost::system::error_code ec;
    const boost::json::value document = boost::json::parse(document_json, ec);
    if (ec || !document.is_object()) return std::nullopt;
    const boost::json::value* value = document.get_object().if_contains(field);
    if (!value) return std::nullopt;
    if (value->is_string()) return std::string(value->get_string());
    if (value->is_array()) {
        for (const auto& item : value->get_array())
            if (item.is_string()) return std::string(item.get_string());
    }
    return std::nullopt;
}

std::vector<Hit> collapse_hits(std::vector<Hit> hits, const std::string& field) {
    std::unordered_set<std::string> seen;
    std::vector<Hit> kept;
    kept.reserve(hits.size());
    for (auto& hit : hits) {
        const auto key = collapse_key(hit.document, field);
        if (key && !seen.insert(*key).second) continue;
        kept.push_back(std::move(hit));
    }
    return kept;
}

void check_collapse_field(const config::CollectionConfig& schema, const std::string& field) {
    const auto* config = schema.field(field);
    if (!config || config->type != config::FieldType::keyword)
        throw Error(ErrorKind::invalid_argument, "invalid_request",
                    "collapse: \"" + field + "\" is not a keyword field of collection \"" + schema.name + "\"",
                    "collapse");
}

SearchResponse collapsed_search(const SearchContext& context, const SearchRequest& request, const std::string& field) {
    const std::size_t need = request.offset + request.k;
    SearchRequest widened = request;
    widened.offset = 0;
    widened.document.fields = {};  // the collapse field must be read; members are selected after
    std::size_t window = need;
    for (;;) {
        widened.k = window;
        SearchResponse response = context.execute(plan_search(context.schema, context.parser, widened), widened.filter);
        const bool exhausted = response.hits.size() < window;
        response.hits = collapse_hits(std::move(response.hits), field);
        if (response.hits.size() >= need || exhausted) {
            const std::size_t begin = std::min(request.offset, response.hits.size());
            const std::size_t end = std::min(need, response.hits.size());
            std::vector<Hit> page(std::make_move_iterator(response.hits.begin() + static_cast<std::ptrdiff_t>(begin)),
                                  std::make_move_iterator(response.hits.begin() + static_cast<std::ptrdiff_t>(end)));
            if (!request.document.fields.selects_all())
                for (auto& hit : page) hit.document = select_members(hit.document, request.document.fields);
            response.hits = std::move(page);
            return response;
        }
        window *= 4;
    }
}

}  // namespace braid::engine
