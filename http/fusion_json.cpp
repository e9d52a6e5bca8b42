#include "http/fusion_json.hpp"

#include "core/error.hpp"
#include "http/json_body.hpp"

namespace braid::http {
namespace {

namespace json = boost::json;

[[noreturn]] void invalid_fusion(const std::string& path, const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_fusion", path + ": " + message, path);
}

std::size_t read_window(const json::object& object, const std::string& path, std::size_t max_window,
                        std::size_t fallback) {
    const auto* window = object.if_contains("window");
    if (!window) return fallback;
    return static_cast<std::size_t>(
        expect_integer(*window, join_path(path, "window"), 1, static_cast<std::int64_t>(max_window)));
}

engine::RrfParams read_rrf(const json::object& object, const std::string& path, std::size_t max_window) {
    engine::RrfParams params;
    params.window = read_window(object, path, max_window, params.window);
    reject_unknown_members(object, {"method", "k", "window", "weights"}, path);
    if (auto* k = object.if_contains("k")) params.k = expect_number(*k, join_path(path, "k"));
    if (auto* weights = object.if_contains("weights")) {
        const std::string weights_path = join_path(path, "weights");
        const auto& w = expect_object(*weights, weights_path);
        reject_unknown_members(w, {"lexical", "dense"}, weights_path);
        if (auto* lexical = w.if_contains("lexical"))
            params.lexical_weight = expect_number(*lexical, join_path(weights_path, "lexical"));
        if (auto* dense = w.if_contains("dense"))
            params.dense_weight = expect_number(*dense, join_path(weights_path, "dense"));
    }
    return params;
}

engine::LinearParams read_linear(const json::object& object, const std::string& path, std::size_t max_window) {
    engine::LinearParams params;
    params.window = read_window(object, path, max_window, params.window);
    reject_unknown_members(object, {"method", "alpha", "normalization", "window"}, path);
    if (auto* alpha = object.if_contains("alpha")) params.alpha = expect_number(*alpha, join_path(path, "alpha"));
    if (auto* normalization = object.if_contains("normalization")) {
        const std::string norm_path = join_path(path, "normalization");
        const std::string name = expect_string(*normalization, norm_path);
        if (name == "minmax") params.normalization = engine::Normalization::minmax;
        else if (name == "zscore") params.normalization = engine::Normalization::zscore;
        else invalid_fusion(norm_path, "expected \"minmax\" or \"zscore\", got " + describe(*normalization));
    }
    return params;
}

}  // namespace

engine::FusionParams read_fusion(const json::value& value, std::size_t max_window) {
    const std::string path = "fusion";
    const auto& object = expect_object(value, path);
    std::string method = "rrf";
    if (auto* m = object.if_contains("method")) method = expect_string(*m, join_path(path, "method"));
    engine::FusionParams params;
    if (method == "rrf") params = read_rrf(object, path, max_window);
    else if (method == "linear") params = read_linear(object, path, max_window);
    else
        invalid_fusion(join_path(path, "method"),
                       "unknown fusion method \"" + method + "\" (expected \"rrf\" or \"linear\")");
    engine::check(params);  // the fusion module's rules, with its "fusion.<member>" paths
    return params;
}

json::object fusion_json(const engine::FusionParams& params) {
    json::object out;
    if (const auto* rrf = std::get_if<engine::RrfParams>(&params)) {
        out["method"] = "rrf";
        out["k"] = rrf->k;
        out["window"] = rrf->window;
        out["weights"] = json::object{{"lexical", rrf->lexical_weight}, {"dense", rrf->dense_weight}};
        return out;
    }
    const auto& linear = std::get<engine::LinearParams>(params);
    out["method"] = "linear";
    out["alpha"] = linear.alpha;
    out["normalization"] = linear.normalization == engine::Normalization::minmax ? "minmax" : "zscore";
    out["window"] = linear.window;
    return out;
}

}  // namespace braid::http
