#include "http/inference_json.hpp"

#include <boost/json/array.hpp>

#include "core/error.hpp"
#include "http/json_body.hpp"

namespace braid::http {

namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& path, const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + message, path);
}

engine::RerankRequest read_rerank(const json::value& value, std::size_t max_window) {
    const auto& object = expect_object(value, "rerank");
    reject_unknown_members(object, {"reranker", "window", "fields", "on_error"}, "rerank");
    engine::RerankRequest rerank;
    const auto* name = object.if_contains("reranker");
    if (!name) invalid("rerank.reranker", "missing (expected the name of a reranker of the configuration)");
    rerank.reranker = expect_string(*name, "rerank.reranker");
    if (const auto* window = object.if_contains("window")) {
        rerank.window = static_cast<std::size_t>(
            expect_integer(*window, "rerank.window", 1, static_cast<std::int64_t>(max_window)));
    }
    if (const auto* fields = object.if_contains("fields")) {
        if (!fields->is_array() || fields->get_array().empty())
            invalid("rerank.fields", "expected a non-empty array of text field names, got " + describe(*fields));
        const auto& array = fields->get_array();
        for (std::size_t i = 0; i < array.size(); ++i)
            rerank.fields.push_back(expect_string(array[i], "rerank.fields[" + std::to_string(i) + "]"));
    }
    if (const auto* on_error = object.if_contains("on_error")) {
        const std::string choice = expect_string(*on_error, "rerank.on_error");
        if (choice == "skip") rerank.skip_on_error = true;
        else if (choice != "error") invalid("rerank.on_error", "expected \"error\" or \"skip\", got " + describe(*on_error));
    }
    return rerank;
}

const char* mode_name(engine::PlanKind kind) {
    switch (kind) {
        case engine::PlanKind::lexical: return "lexical";
        case engine::PlanKind::dense: return "dense";
        case engine::PlanKind::hybrid: return "hybrid";
    }
    return "lexical";
}

}  // namespace

void read_inference_members(const json::object& object, engine::SearchRequest& request, std::size_t max_window) {
    if (const auto* mode = object.if_contains("mode")) {
        const std::string name = expect_string(*mode, "mode");
        if (name == "lexical") request.mode = engine::SearchMode::lexical;
        else if (name == "dense") request.mode = engine::SearchMode::dense;
        else if (name == "hybrid") request.mode = engine::SearchMode::hybrid;
        else invalid("mode", "expected \"lexical\", \"dense\" or \"hybrid\", got " + describe(*mode));
    }
    if (const auto* on_error = object.if_contains("on_embedder_error")) {
        const std::string choice = expect_string(*on_error, "on_embedder_error");
        if (choice == "lexical") request.lexical_on_embedder_error = true;
        else if (choice == "error") request.lexical_on_embedder_error = false;
        else invalid("on_embedder_error", "expected \"error\" or \"lexical\", got " + describe(*on_error));
    }
    if (const auto* rerank = object.if_contains("rerank"); rerank && !rerank->is_null())
        request.rerank = read_rerank(*rerank, max_window);
}

json::object rerank_json(const engine::RerankScore& rerank) {
    json::object out;
    out["rank"] = rerank.rank;
    out["score"] = rerank.score;
    return out;
}

void write_inference_members(const engine::SearchResponse& response, json::object& out) {
    out["mode"] = mode_name(response.mode);
    if (!response.degraded.empty()) {
        json::array degraded;
        for (const auto& why : response.degraded) degraded.emplace_back(why);
        out["degraded"] = std::move(degraded);
    }
    if (response.rerank) {
        json::array fields;
        for (const auto& field : response.rerank->fields) fields.emplace_back(field);
        out["rerank"] = json::object{{"reranker", response.rerank->reranker},
                                     {"window", response.rerank->window},
                                     {"fields", std::move(fields)},
                                     {"on_error", response.rerank->skip_on_error ? "skip" : "error"}};
    }
    const auto& s = response.stages;
    out["took"] = json::object{{"embed_ms", s.embed_ms},   {"lexical_ms", s.lexical_ms}, {"dense_ms", s.dense_ms},
                               {"fusion_ms", s.fusion_ms}, {"rerank_ms", s.rerank_ms},   {"fetch_ms", s.fetch_ms}};
}

}  // namespace braid::http
