#include "engine/search_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "engine/hit_highlights.hpp"
#include "engine/collapse.hpp"
#include "engine/facet_counter.hpp"
#include "engine/schema.hpp"
#include "engine/stored_document.hpp"

namespace braid::engine {

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

[[noreturn]] void invalid(const std::string& type, const std::string& path, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, type, path + ": " + what, path);
}

const char* mode_name(SearchMode mode) {
    switch (mode) {
        case SearchMode::lexical: return "lexical";
        case SearchMode::dense: return "dense";
        case SearchMode::hybrid: return "hybrid";
    }
    return "hybrid";
}

SearchMode default_mode(const SearchContext& context, const SearchRequest& request) {
    if (context.embedder && request.query) return SearchMode::hybrid;
    if (request.query && request.vector) return SearchMode::hybrid;
    return request.query ? SearchMode::lexical : SearchMode::dense;
}

// The text a reranker reads for one hit: its fields' strings, joined by newlines.
std::string rerank_text(const json::value& document, const std::vector<std::string>& fields) {
    std::string text;
    const auto add = [&](std::string_view part) {
        if (part.empty()) return;
        if (!text.empty()) text += '\n';
        text += part;
    };
    const auto* object = document.if_object();
    if (!object) return text;
    for (const auto& field : fields) {
        const json::value* value = object->if_contains(field);
        if (!value) continue;
        if (value->is_string()) add(value->get_string());
        if (value->is_array()) {
            for (const auto& item : value->get_array())
                if (item.is_string()) add(item.get_string());
        }
    }
    return text;
}

std::vector<std::string> rerank_fields(const SearchContext& context, const RerankRequest& rerank) {
    if (rerank.fields.empty()) {
        if (context.embedder) return context.embedder->source_fields();
        return context.parser.text_fields();
    }
    for (std::size_t i = 0; i < rerank.fields.size(); ++i) {
        const auto* field = context.schema.field(rerank.fields[i]);
        if (!field || !is_text(*field))
            invalid("unknown_field", "rerank.fields[" + std::to_string(i) + "]",
                    "\"" + rerank.fields[i] + "\" is not a text field of collection \"" + context.schema.name + "\"");
    }
    return rerank.fields;
}

// Re-orders hits by the reranker's scores (ties keep their earlier order).
void apply_rerank(std::vector<Hit>& hits, const std::vector<float>& scores) {
    std::vector<std::size_t> order(hits.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::vector<Hit> reordered;
    reordered.reserve(hits.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        Hit hit = std::move(hits[order[rank]]);
        hit.rerank = RerankScore{static_cast<std::uint32_t>(rank + 1), scores[order[rank]]};
        hit.score = scores[order[rank]];
        reordered.push_back(std::move(hit));
    }
    hits = std::move(reordered);
}

}  // namespace

SearchResponse run_search(const SearchContext& context, const SearchRequest& request) {
    check_has_query_or_vector(request);
    if (request.highlight) check_highlight(context.schema, *request.highlight);
    SearchRequest effective = request;
    SearchMode mode = request.mode.value_or(default_mode(context, request));
    StageTimings stages;
    std::vector<std::string> degraded;

    if (mode != SearchMode::dense && !request.query)
        invalid("invalid_query", "mode", std::string("\"") + mode_name(mode) + "\" needs a \"query\"");
    if (mode == SearchMode::lexical) effective.vector.reset();
    if (mode != SearchMode::lexical && !effective.vector) {
        if (!context.embedder)
            invalid("invalid_query", request.mode ? "mode" : "vector",
                    std::string("a ") + mode_name(mode) + " search needs a \"vector\": collection \"" +
                        context.schema.name + "\" has no vector.embedder to embed the query");
        const bool fallback =
            request.lexical_on_embedder_error.value_or(context.embedder->config().on_embedder_error == "lexical");
        const auto start = Clock::now();
        try {
            effective.vector = context.embedder->embed_query(*request.query);
        } catch (const Error& e) {
            if (!fallback) throw;
            degraded.push_back(std::string("dense: ") + e.what());
            mode = SearchMode::lexical;
        }
        stages.embed_ms = since(start);
    }
    if (mode == SearchMode::dense) {
        effective.query.reset();
        effective.fields.clear();
    }

    std::optional<RerankEcho> echo;
    const inference::Reranker* reranker = nullptr;
    std::vector<std::string> fields;
    if (request.rerank) {
        if (!request.query) invalid("invalid_query", "rerank", "reranking needs a \"query\" to rerank against");
        static const RerankerSet none;
        reranker = &(context.rerankers ? *context.rerankers : none).get(request.rerank->reranker, "rerank.reranker");
        fields = rerank_fields(context, *request.rerank);
        echo = RerankEcho{request.rerank->reranker, std::max(request.rerank->window, request.offset + request.k),
                          fields, request.rerank->skip_on_error};
        effective.offset = 0;
        effective.k = echo->window;
    }
    // The reranker and the highlighter read fields the request may leave out of its hits: select them after.
    const bool select_after = reranker || request.highlight;
    if (select_after) effective.document.fields = {};

    if (request.collapse) check_collapse_field(context.schema, *request.collapse);
    check_facets(context.schema, request.facets);
    const auto planning = Clock::now();
    const SearchPlan plan = plan_search(context.schema, context.parser, effective);
    stages.analyze_ms = since(planning);
    SearchResponse response = request.collapse ? collapsed_search(context, effective, *request.collapse)
                                               : context.execute(plan, effective.filter);

    if (reranker) {
        const auto start = Clock::now();
        std::vector<std::string> texts;
        texts.reserve(response.hits.size());
        for (const auto& hit : response.hits) texts.push_back(rerank_text(json::parse(hit.document), fields));
        try {
            if (!texts.empty()) apply_rerank(response.hits, reranker->rerank(*request.query, texts));
        } catch (const Error& e) {
            if (!request.rerank->skip_on_error) throw;
            degraded.push_back(std::string("rerank: ") + e.what());
        }
        stages.rerank_ms = since(start);
        // The page of the (re)ranked window.
        const std::size_t begin = std::min(request.offset, response.hits.size());
        const std::size_t end = std::min(request.offset + request.k, response.hits.size());
        response.hits = std::vector<Hit>(std::make_move_iterator(response.hits.begin() + static_cast<std::ptrdiff_t>(begin)),
                                         std::make_move_iterator(response.hits.begin() + static_cast<std::ptrdiff_t>(end)));
        response.rerank = std::move(echo);
    }
    add_highlights(context.parser, request, response.hits);
    if (select_after && !request.document.fields.selects_all())
        for (auto& hit : response.hits) hit.document = select_members(hit.document, request.document.fields);
    stages.lexical_ms = response.stages.lexical_ms;
    stages.dense_ms = response.stages.dense_ms;
    stages.fusion_ms = response.stages.fusion_ms;
    stages.fetch_ms = response.stages.fetch_ms;
    response.stages = stages;
    response.degraded = std::move(degraded);
    return response;
}

}  // namespace braid::engine
