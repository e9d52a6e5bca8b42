#include "http/min_score_json.hpp"

#include "core/error.hpp"
#include "http/json_body.hpp"

namespace braid::http {

engine::MinScore read_min_score(const boost::json::value& value) {
    const auto& object = expect_object(value, "min_score");
    reject_unknown_members(object, {"lexical", "dense", "fused"}, "min_score");
    if (object.empty())
        throw Error(ErrorKind::invalid_argument, "invalid_request", "min_score: expected at least one of lexical, dense, fused",
                    "min_score");
    engine::MinScore out;
    if (auto* v = object.if_contains("lexical")) out.lexical = expect_number(*v, "min_score.lexical");
    if (auto* v = object.if_contains("dense")) out.dense = expect_number(*v, "min_score.dense");
    if (auto* v = object.if_contains("fused")) out.fused = expect_number(*v, "min_score.fused");
    return out;
}

}  // namespace braid::http
