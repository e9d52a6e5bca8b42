#include "cluster/sharded_coordinator.hpp"

#include <chrono>
#include <map>
#include <optional>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/sharded_search_json.hpp"

namespace braid::cluster {

namespace {

namespace json = boost::json;

// One shard's holders and the one in use: later phases ask the holder that answered before.
struct ShardCursor {
    const std::vector<std::string>* holders = nullptr;
    std::size_t next = 0;
    bool lost = false;  // no holder left (allow_partial)
};

// The error a holder answered with (4xx): passed on as the coordinator's own.
[[noreturn]] void rethrow_answer(const net::Response& response) {
    std::string type = "invalid_request", message = response.body, path;
    try {
        const auto body = json::parse(response.body);
        if (const auto* error = body.as_object().if_contains("error")) {
            const auto& e = error->as_object();
            if (const auto* t = e.if_contains("type"); t && t->is_string()) type = std::string(t->get_string());
            if (const auto* m = e.if_contains("message"); m && m->is_string()) message = std::string(m->get_string());
            if (const auto* p = e.if_contains("path"); p && p->is_string()) path = std::string(p->get_string());
        }
    } catch (const std::exception&) {
    }
    const ErrorKind kind = response.status == 404   ? ErrorKind::not_found
                           : response.status == 401 ? ErrorKind::unauthorized
                           : response.status == 403 ? ErrorKind::forbidden
                                                    : ErrorKind::invalid_argument;
    throw Error(kind, type, message, path);
}

}  // namespace

ShardedCoordinator::ShardedCoordinator(net::HttpClient& client, std::string api_key)
    : client_(client), api_key_(std::move(api_key)) {}

engine::SearchResponse ShardedCoordinator::search(const ShardedSearchCall& call) const {
    const auto start = std::chrono::steady_clock::now();
    std::vector<ShardCursor> shards(call.holders.size());
    for (std::size_t s = 0; s < shards.size(); ++s) shards[s].holders = &call.holders[s];
    std::vector<std::string> degraded;

    // POSTs `body` to shard s's current holder, moving on to its next while they fail; nullopt
    // when the shard has none left and the call allows a partial answer.
    const auto ask = [&](std::size_t s, const std::string& route, const std::string& body) -> std::optional<json::value> {
        ShardCursor& shard = shards[s];
        std::string last_failure = "it has no holder";
        while (!shard.lost && shard.next < shard.holders->size()) {
            net::Request request;
            request.url = (*shard.holders)[shard.next] + "/_cluster/" + route + "/" + call.collection;
            request.body = body;
            if (!api_key_.empty()) request.headers.emplace_back("Authorization", "Bearer " + api_key_);
            try {
                const net::Response response = client_.send(request);
                if (response.status >= 200 && response.status < 300) return json::parse(response.body);
                if (response.status < 500) rethrow_answer(response);
                last_failure = (*shard.holders)[shard.next] + " answered " + std::to_string(response.status);
            } catch (const net::NetError& e) {
                last_failure = e.what();
            }
            ++shard.next;
        }
        const std::string why = "shard " + std::to_string(s) + " of collection \"" + call.collection +
                                "\" has no live holder (" + last_failure + ")";
        if (!call.allow_partial) throw Error(ErrorKind::unavailable, "shard_unavailable", why);
        if (!shard.lost) degraded.push_back("shard " + std::to_string(s) + ": " + why);
        shard.lost = true;
        return std::nullopt;
    };

    const std::string search_member = "{\"search\":" + call.request_json;
    lexical::CorpusStatistics global;
    for (std::size_t s = 0; s < shards.size(); ++s)
        if (auto answer = ask(s, "stats", search_member + "}")) global.add(engine::statistics_from_json(*answer, "statistics"));
    const std::string with_statistics = search_member + ",\"statistics\":" + engine::statistics_text(global);

    std::vector<engine::ShardSides> sides(shards.size());
    std::map<std::string, std::size_t> shard_of;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        if (auto answer = ask(s, "search", with_statistics + "}")) sides[s] = engine::shard_sides_from_json(*answer);
        for (const auto* side : {&sides[s].lexical, &sides[s].dense})
            for (const auto& hit : *side) shard_of.emplace(hit.id, s);
    }
    const auto page = engine::merge_shard_sides(sides, call.plan);

    engine::SearchResponse response;
    response.mode = call.plan.kind;
    if (call.plan.kind == engine::PlanKind::hybrid) response.fusion = call.plan.fusion;
    std::vector<std::vector<std::size_t>> page_of_shard(shards.size());
    for (std::size_t i = 0; i < page.size(); ++i) page_of_shard[shard_of.at(page[i].id)].push_back(i);
    response.hits.resize(page.size());
    for (std::size_t i = 0; i < page.size(); ++i) {
        auto& hit = response.hits[i];
        hit.id = page[i].id;
        hit.score = page[i].score;
        hit.lexical = page[i].lexical;
        hit.dense = page[i].dense;
    }
    for (std::size_t s = 0; s < shards.size(); ++s) {
        if (page_of_shard[s].empty()) continue;
        std::string body = with_statistics + ",\"ids\":[";
        for (std::size_t j = 0; j < page_of_shard[s].size(); ++j) {
            if (j > 0) body += ',';
            append_json_string(body, page[page_of_shard[s][j]].id);
        }
        body += "]}";
        const auto answer = ask(s, "fetch", body);
        if (!answer) continue;
        const auto fetched = engine::fetched_hits_from_json(*answer);
        for (std::size_t j = 0; j < page_of_shard[s].size() && j < fetched.size(); ++j) {
            if (!fetched[j]) continue;
            auto& hit = response.hits[page_of_shard[s][j]];
            hit.document = fetched[j]->document;
            hit.explanation = fetched[j]->explanation;
        }
    }
    // A hit whose holder was lost (or deleted it) between the phases has no document: left out.
    std::erase_if(response.hits, [](const engine::Hit& hit) { return hit.document.empty(); });

    if (call.plan.explain) {
        engine::SearchExplanation explain;
        explain.plan = call.plan.kind;
        if (call.plan.kind != engine::PlanKind::dense) {
            explain.query_tokens = call.plan.lexical.fields;
            std::size_t candidates = 0;
            for (const auto& side : sides) candidates += side.lexical.size();
            explain.lexical = engine::LexicalRunExplanation{call.plan.lexical.op, std::min(candidates, call.plan.candidates)};
        }
        response.explain = std::move(explain);
    }
    response.degraded = std::move(degraded);
    response.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return response;
}

}  // namespace braid::cluster
