#include "cluster/sharded_coordinator.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <optional>

#include "core/error.hpp"

namespace braid::cluster {

namespace {

// Which node a failed phase call came from.
struct NodeFailed {
    std::size_t node;
    std::string why;
};

bool search_partition(const std::vector<HolderNode>& nodes, const std::vector<bool>& alive, std::vector<bool>& covered,
                      std::vector<std::size_t>& chosen) {
    const auto uncovered = std::find(covered.begin(), covered.end(), false);
    if (uncovered == covered.end()) return true;
    const auto shard = static_cast<std::uint32_t>(uncovered - covered.begin());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto& holds = nodes[i].holds;
        if (!alive[i] || std::find(holds.begin(), holds.end(), shard) == holds.end()) continue;
        const bool fits =
            std::all_of(holds.begin(), holds.end(), [&](std::uint32_t s) { return s < covered.size() && !covered[s]; });
        if (!fits) continue;
        for (const auto s : holds) covered[s] = true;
        chosen.push_back(i);
        if (search_partition(nodes, alive, covered, chosen)) return true;
        chosen.pop_back();
        for (const auto s : holds) covered[s] = false;
    }
    return false;
}

// With allow_partial and no partition: the live nodes that fit, in order (disjoint holds).
std::vector<std::size_t> greedy_partition(const std::vector<HolderNode>& nodes, const std::vector<bool>& alive,
                                          std::vector<bool>& covered) {
    std::vector<std::size_t> chosen;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto& holds = nodes[i].holds;
        if (!alive[i] || holds.empty()) continue;
        if (!std::all_of(holds.begin(), holds.end(), [&](std::uint32_t s) { return s < covered.size() && !covered[s]; }))
            continue;
        for (const auto s : holds) covered[s] = true;
        chosen.push_back(i);
    }
    return chosen;
}

// Runs `ask(node)` on every chosen node at once (in-process for this node, in parallel over HTTP);
// a node that cannot answer is NodeFailed.
template <typename Answer>
std::vector<Answer> on_each(const std::vector<std::size_t>& chosen, const std::function<Answer(std::size_t)>& ask) {
    std::vector<std::future<Answer>> pending;
    pending.reserve(chosen.size());
    for (std::size_t j = 1; j < chosen.size(); ++j) pending.push_back(std::async(std::launch::async, ask, chosen[j]));
    std::vector<Answer> out(chosen.size());
    std::optional<NodeFailed> failed;
    std::exception_ptr error;
    const auto collect = [&](std::size_t j, const std::function<Answer()>& get) {
        try {
            out[j] = get();
        } catch (const HolderFailed& e) {
            if (!failed) failed = NodeFailed{chosen[j], e.what()};
        } catch (...) {
            if (!error) error = std::current_exception();
        }
    };
    if (!chosen.empty()) collect(0, [&] { return ask(chosen[0]); });
    for (std::size_t j = 1; j < chosen.size(); ++j) collect(j, [&] { return pending[j - 1].get(); });
    if (error) std::rethrow_exception(error);
    if (failed) throw *failed;
    return out;
}

}  // namespace

std::vector<std::size_t> partition_of(const std::vector<HolderNode>& nodes, const std::vector<bool>& alive,
                                      std::uint32_t shards) {
    std::vector<bool> covered(shards, false);
    std::vector<std::size_t> chosen;
    if (!search_partition(nodes, alive, covered, chosen)) chosen.clear();
    return chosen;
}

engine::SearchResponse sharded_search(const ShardedSearchCall& call) {
    const auto start = std::chrono::steady_clock::now();
    const ShardQuery query{call.request, call.request_json};
    std::vector<bool> alive(call.nodes.size(), true);
    std::map<std::uint32_t, std::string> last_failure;  // shard -> why its last holder failed

    while (true) {
        std::vector<std::size_t> chosen = partition_of(call.nodes, alive, call.shards);
        std::vector<std::string> degraded;
        if (chosen.empty()) {
            std::vector<bool> covered(call.shards, false);
            const auto partial = greedy_partition(call.nodes, alive, covered);
            if (call.allow_partial) chosen = partial;
            std::vector<std::string> missing, overlapping;
            for (std::uint32_t s = 0; s < call.shards; ++s) {
                if (covered[s]) continue;
                const bool has_live = std::any_of(call.nodes.begin(), call.nodes.end(), [&](const HolderNode& n) {
                    return alive[static_cast<std::size_t>(&n - call.nodes.data())] &&
                           std::find(n.holds.begin(), n.holds.end(), s) != n.holds.end();
                });
                const auto failure = last_failure.find(s);
                const std::string why =
                    "shard " + std::to_string(s) + " of collection \"" + call.collection + "\" has no live holder" +
                    (has_live ? " whose shards fit beside the others' (the live holders' shards overlap without partitioning "
                                "the collection)"
                              : "") +
                    (failure != last_failure.end() ? " (" + failure->second + ")" : "");
                (has_live ? overlapping : missing).push_back(why);
                degraded.push_back("shard " + std::to_string(s) + ": " + why);
            }
            if (!call.allow_partial)
                throw Error(ErrorKind::unavailable, "shard_unavailable", missing.empty() ? overlapping.front() : missing.front());
        }
        try {
            using Statistics = lexical::CorpusStatistics;
            lexical::CorpusStatistics global;
            for (const auto& statistics : on_each<Statistics>(chosen, [&](std::size_t n) {
                     return call.nodes[n].holder->statistics(query);
                 }))
                global.add(statistics);

            const auto sides = on_each<engine::ShardSides>(chosen, [&](std::size_t n) {
                return call.nodes[n].holder->sides(query, global);
            });
            std::map<std::string, std::size_t> node_of;  // id -> index into chosen
            for (std::size_t j = 0; j < sides.size(); ++j)
                for (const auto* side : {&sides[j].lexical, &sides[j].dense})
                    for (const auto& hit : *side) node_of.emplace(hit.id, j);
            const auto page = engine::merge_shard_sides(sides, call.plan);

            engine::SearchResponse response;
            response.mode = call.plan.kind;
            if (call.plan.kind == engine::PlanKind::hybrid) response.fusion = call.plan.fusion;
            std::vector<std::vector<std::size_t>> page_of(chosen.size());  // page positions per chosen node
            response.hits.resize(page.size());
            for (std::size_t i = 0; i < page.size(); ++i) {
                page_of[node_of.at(page[i].id)].push_back(i);
                auto& hit = response.hits[i];
                hit.id = page[i].id;
                hit.score = page[i].score;
                hit.lexical = page[i].lexical;
                hit.dense = page[i].dense;
            }
            std::vector<std::size_t> fetching;  // positions in chosen with page hits
            for (std::size_t j = 0; j < chosen.size(); ++j)
                if (!page_of[j].empty()) fetching.push_back(j);
            using Fetched = std::vector<std::optional<engine::FetchedHit>>;
            std::vector<std::size_t> fetching_nodes;
            for (const auto j : fetching) fetching_nodes.push_back(chosen[j]);
            std::map<std::size_t, std::size_t> position_of;  // node -> position in chosen
            for (std::size_t j = 0; j < chosen.size(); ++j) position_of[chosen[j]] = j;
            const auto fetched = on_each<Fetched>(fetching_nodes, [&](std::size_t n) {
                std::vector<std::string> ids;
                for (const auto i : page_of[position_of.at(n)]) ids.push_back(page[i].id);
                return call.nodes[n].holder->fetch(query, global, ids);
            });
            for (std::size_t f = 0; f < fetching.size(); ++f) {
                const auto& positions = page_of[fetching[f]];
                for (std::size_t k = 0; k < positions.size() && k < fetched[f].size(); ++k) {
                    if (!fetched[f][k]) continue;
                    auto& hit = response.hits[positions[k]];
                    hit.document = fetched[f][k]->document;
                    hit.explanation = fetched[f][k]->explanation;
                }
            }
            // A hit deleted on its holder between the phases has no document: left out.
            std::erase_if(response.hits, [](const engine::Hit& hit) { return hit.document.empty(); });

            if (call.plan.explain) {
                engine::SearchExplanation explain;
                explain.plan = call.plan.kind;
                if (call.plan.kind != engine::PlanKind::dense) {
                    explain.query_tokens = call.plan.lexical.fields;
                    std::size_t candidates = 0;
                    for (const auto& side : sides) candidates += side.lexical.size();
                    explain.lexical =
                        engine::LexicalRunExplanation{call.plan.lexical.op, std::min(candidates, call.plan.candidates)};
                }
                response.explain = std::move(explain);
            }
            if (call.plan.total) {
                // As one node counts: every lexical match, and the dense side's window when it ran.
                std::uint64_t lexical = 0;
                for (const auto& side : sides) lexical += side.lexical_matches.value_or(0);
                response.total = engine::SearchTotal{
                    lexical, call.plan.kind == engine::PlanKind::lexical ? 0 : call.plan.candidates};
            }
            response.degraded = std::move(degraded);
            response.took_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return response;
        } catch (const NodeFailed& failed) {
            // Left out from now on; the search starts over so every statistic comes from the same nodes.
            alive[failed.node] = false;
            for (const auto s : call.nodes[failed.node].holds) last_failure[s] = failed.why;
        }
    }
}

}  // namespace braid::cluster
