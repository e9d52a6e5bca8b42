#pragma once
// Two search answers (JSON as a node renders it) compared as "the same answer": ids, order,
// totals, documents, highlights, side ranks and explanation texts equal; scores within 1e-6 (relative beyond 1).
#include <algorithm>
#include <cmath>
#include <string>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

namespace braid::test_support {

inline void check_same_number(const boost::json::value& got, const boost::json::value& expected, const std::string& what) {
    INFO(what);
    REQUIRE(got.is_number() == expected.is_number());
    if (!got.is_number()) return;
    const double g = got.to_number<double>(), e = expected.to_number<double>();
    CHECK(std::abs(g - e) <= 1e-6 * std::max(1.0, std::abs(e)));
}

inline void check_same_side(const boost::json::object& got, const boost::json::object& expected, const char* side) {
    REQUIRE((got.if_contains(side) != nullptr) == (expected.if_contains(side) != nullptr));
    if (!got.if_contains(side)) return;
    const auto& g = got.at(side).as_object();
    const auto& e = expected.at(side).as_object();
    CHECK(g.at("rank") == e.at("rank"));
    for (const auto& [name, value] : e) check_same_number(g.at(name), value, std::string(side) + "." + std::string(name));
}

inline void check_same_answer(const boost::json::value& got, const boost::json::value& expected) {
    REQUIRE((got.as_object().if_contains("total") != nullptr) == (expected.as_object().if_contains("total") != nullptr));
    if (expected.as_object().if_contains("total")) CHECK(got.at("total") == expected.at("total"));
    const auto& g = got.at("hits").as_array();
    const auto& e = expected.at("hits").as_array();
    REQUIRE(g.size() == e.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        const auto& gh = g[i].as_object();
        const auto& eh = e[i].as_object();
        INFO("rank " << i << ": " << gh.at("id") << " vs " << eh.at("id"));
        REQUIRE(gh.at("id") == eh.at("id"));
        check_same_number(gh.at("score"), eh.at("score"), "score");
        CHECK(gh.at("document") == eh.at("document"));
        check_same_side(gh, eh, "lexical");
        check_same_side(gh, eh, "dense");
        REQUIRE((gh.if_contains("highlight") != nullptr) == (eh.if_contains("highlight") != nullptr));
        if (gh.if_contains("highlight")) CHECK(gh.at("highlight") == eh.at("highlight"));
        REQUIRE((gh.if_contains("explanation") != nullptr) == (eh.if_contains("explanation") != nullptr));
        if (!gh.if_contains("explanation")) continue;
        const auto& gt = gh.at("explanation").at("terms").as_array();
        const auto& et = eh.at("explanation").at("terms").as_array();
        REQUIRE(gt.size() == et.size());
        for (std::size_t t = 0; t < gt.size(); ++t)
            for (const auto& [name, value] : et[t].as_object()) {
                if (value.is_number())
                    check_same_number(gt[t].at(name), value, "explanation." + std::string(name));
                else
                    CHECK(gt[t].at(name) == value);
            }
    }
}

}  // namespace braid::test_support
