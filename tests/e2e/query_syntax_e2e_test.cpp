// The simple query syntax over HTTP: each operator against the fixture documents (expected sets
// derived here from their text), minimum_should_match, explain's view of the clauses, and every
// bad input answered 400 with its path.
#include <catch2/catch.hpp>

#include <functional>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;

namespace {

// Fixture documents (tests/support/docs_fixture.hpp): title "Document i about <animal>" with
// animal by i % 4: "running cats", "a jumping cat", "the cat sleeps", "cats and dogs"; body
// "This text is number i with a dog and a cat" when i % 3 == 0, else "... i only and a cat".
std::set<std::string> ids_where(const std::function<bool(int)>& keep) {
    std::set<std::string> out;
    for (int i = 0; i < kCorpusSize; ++i)
        if (keep(i)) out.insert(doc_id(i));
    return out;
}

json::object simple(const std::string& query) { return {{"query", query}, {"syntax", "simple"}, {"k", 100}}; }

json::object with(json::object body, const char* key, json::value value) {
    body[key] = std::move(value);
    return body;
}

}  // namespace

TEST_CASE("simple syntax: phrases, slop, required, excluded, prefix, fuzzy and alternatives", "[e2e][syntax]") {
    LoadedServer server;
    auto c = server.client();
    const auto jumping = ids_where([](int i) { return i % 4 == 1; });
    const auto dog_body = ids_where([](int i) { return i % 3 == 0; });

    // Exact phrase: words adjacent and in order.
    CHECK(id_set(search_ok(c, simple(R"("jumping cat")"))) == jumping);
    CHECK(search_ok(c, simple(R"("cat jumping")")).at("hits").as_array().empty());
    // Slop: "cat jumping" is "jumping cat" reversed, two moves away.
    CHECK(search_ok(c, simple(R"("cat jumping"~1)")).at("hits").as_array().empty());
    CHECK(id_set(search_ok(c, simple(R"("cat jumping"~2)"))) == jumping);
    // "dog ... cat": "with a dog and a cat" (stopwords leave gaps: one word between them).
    CHECK(search_ok(c, simple(R"("dog cat")")).at("hits").as_array().empty());
    CHECK(id_set(search_ok(c, simple(R"("dog cat"~2)"))) == dog_body);
    // In plain syntax quotes are text: the same hits as the words alone.
    CHECK(hit_ids(search_ok(c, {{"query", R"("cat jumping")"}, {"k", 100}})) ==
          hit_ids(search_ok(c, {{"query", "cat jumping"}, {"k", 100}})));

    // +required -excluded: dogs (bodies i % 3 == 0 and titles i % 4 == 3) that do not jump.
    const auto dogs = ids_where([](int i) { return i % 3 == 0 || i % 4 == 3; });
    CHECK(id_set(search_ok(c, simple("+dog"))) == dogs);
    CHECK(id_set(search_ok(c, simple("+dog -jumping"))) == ids_where([](int i) { return (i % 3 == 0 || i % 4 == 3) && i % 4 != 1; }));
    CHECK(id_set(search_ok(c, simple("+dog -\"jumping cat\""))) == ids_where([](int i) { return (i % 3 == 0 || i % 4 == 3) && i % 4 != 1; }));
    // Should clauses beside a required one only add to the score.
    CHECK(id_set(search_ok(c, simple("+dog jumping"))) == dogs);

    // prefix*: "jum" expands to the stem "jump"; "sleep*" to "sleep".
    CHECK(id_set(search_ok(c, simple("jum*"))) == jumping);
    CHECK(id_set(search_ok(c, simple("sleep*"))) == ids_where([](int i) { return i % 4 == 2; }));
    // fuzzy: "jomp" is one substitution from "jump" (AUTO gives 4 letters one edit); ~0 is exact.
    CHECK(id_set(search_ok(c, simple("jomp~"))) == jumping);
    CHECK(id_set(search_ok(c, simple("jmup~1"))) == jumping);  // a transposition is one edit
    CHECK(search_ok(c, simple("jomp~0")).at("hits").as_array().empty());
    CHECK(search_ok(c, with(simple("jomp~"), "fuzziness", 0)).at("hits").as_array().empty());
    CHECK(search_ok(c, with(simple("jomp~"), "prefix_length", 2)).at("hits").as_array().empty());
    CHECK(id_set(search_ok(c, with(simple("jumx~"), "prefix_length", 3))) == jumping);

    // a | b under "and": (dog AND sleeps) OR jumping.
    auto both = with(simple("dog sleeps | jumping"), "operator", "and");
    CHECK(id_set(search_ok(c, both)) == ids_where([](int i) { return ((i % 3 == 0 || i % 4 == 3) && i % 4 == 2) || i % 4 == 1; }));
}

TEST_CASE("minimum_should_match over plain and simple queries", "[e2e][syntax]") {
    LoadedServer server;
    auto c = server.client();
    // dog: i % 3 == 0 or i % 4 == 3; jumping: i % 4 == 1; sleeps: i % 4 == 2; running: i % 4 == 0.
    auto count = [](int i) {
        return (i % 3 == 0 || i % 4 == 3 ? 1 : 0) + (i % 4 == 1 ? 1 : 0) + (i % 4 == 2 ? 1 : 0) + (i % 4 == 0 ? 1 : 0);
    };
    const json::object plain{{"query", "dog jumping sleeps running"}, {"k", 100}};
    CHECK(id_set(search_ok(c, with(plain, "minimum_should_match", 2))) == ids_where([&](int i) { return count(i) >= 2; }));
    CHECK(id_set(search_ok(c, with(plain, "minimum_should_match", "50%"))) == ids_where([&](int i) { return count(i) >= 2; }));
    CHECK(id_set(search_ok(c, with(plain, "minimum_should_match", "-3"))) == ids_where([&](int i) { return count(i) >= 1; }));
    CHECK(search_ok(c, with(plain, "minimum_should_match", 3)).at("hits").as_array().empty());
    // Without minimum_should_match the plain query keeps its pruned path, with the same scores.
    const auto pruned = search_ok(c, plain);
    const auto tree = search_ok(c, with(plain, "minimum_should_match", 1));
    REQUIRE(hit_ids(pruned) == hit_ids(tree));
    for (std::size_t i = 0; i < pruned.at("hits").as_array().size(); ++i)
        CHECK(pruned.at("hits").at(i).at("score").to_number<double>() ==
              Approx(tree.at("hits").at(i).at("score").to_number<double>()).epsilon(1e-6));
    const auto simple_msm = with(with(simple("dog jumping sleeps running"), "minimum_should_match", "75%"), "explain", true);
    const auto answer = search_ok(c, simple_msm);
    CHECK(id_set(answer) == ids_where([&](int i) { return count(i) >= 3; }));
    CHECK(answer.at("explain").at("minimum_should_match") == 3);
}

TEST_CASE("explain shows the clauses of a simple query", "[e2e][syntax]") {
    LoadedServer server;
    auto c = server.client();
    const auto answer = search_ok(c, with(simple(R"(+"cat jumping"~2 jum* dg~1 -sleeps)"), "explain", true));
    const auto& explain = answer.at("explain");
    CHECK(explain.at("query_clauses") == json::parse(R"([["+\"cat jumping\"~2", "jum*", "dg~1", "-sleeps"]])"));
    const auto& hits = answer.at("hits").as_array();
    REQUIRE(hits.size() == 10);
    for (const auto& hit : hits) {
        double sum = 0;
        bool phrase = false, prefix = false;
        for (const auto& term : hit.at("explanation").at("terms").as_array()) {
            sum += term.at("score").to_number<double>();
            const std::string clause(term.at("clause").as_string());
            if (clause == "+\"cat jumping\"~2") {
                phrase = true;
                CHECK(term.at("term") == "cat jump");
                CHECK(term.at("phrase_freq").to_number<double>() == Approx(1.0 / 3));
            }
            if (clause == "jum*") {
                prefix = true;
                CHECK(term.at("term") == "jump");
            }
            CHECK(clause != "-sleeps");
        }
        CHECK(phrase);
        CHECK(prefix);
        CHECK(hit.at("score").to_number<double>() == Approx(sum).epsilon(1e-5));
    }
}

TEST_CASE("bad query syntax and members are 400 with their path", "[e2e][syntax]") {
    LoadedServer server;
    auto c = server.client();
    auto post = [&](const json::object& body) { return c.request("POST", "/collections/docs/search", json::serialize(body)); };
    auto error = require_error(post(simple(R"(cat "jumping)")), 400, "query");
    CHECK(error.at("type") == "invalid_query_syntax");
    CHECK(std::string(error.at("message").as_string()).find("at offset 4") != std::string::npos);
    CHECK(require_error(post(simple("cat | | dog")), 400, "query").at("type") == "invalid_query_syntax");
    CHECK(require_error(post(simple("cat~3")), 400, "query").at("type") == "invalid_query_syntax");
    CHECK(require_error(post(simple("e-mail~")), 400, "query").at("type") == "invalid_query_syntax");  // two terms
    CHECK(require_error(post({{"query", "cat"}, {"syntax", "fancy"}}), 400, "syntax").at("type") == "invalid_request");
    CHECK(require_error(post({{"query", "cat"}, {"syntax", 1}}), 400, "syntax").at("type") == "invalid_request");
    CHECK(require_error(post(with(simple("cat~"), "fuzziness", 3)), 400, "fuzziness").at("type") == "invalid_request");
    CHECK(require_error(post(with(simple("cat~"), "fuzziness", "most")), 400, "fuzziness").at("type") == "invalid_request");
    CHECK(require_error(post({{"query", "cat~"}, {"fuzziness", 1}}), 400, "fuzziness").at("type") == "invalid_request");
    CHECK(require_error(post(with(simple("cat*"), "max_expansions", 0)), 400, "max_expansions").at("type") == "invalid_request");
    CHECK(require_error(post(with(simple("cat~"), "prefix_length", -1)), 400, "prefix_length").at("type") == "invalid_request");
    for (json::value bad : {json::value("abc"), json::value("150%"), json::value("2.5"), json::value(1.5), json::value(true)})
        CHECK(require_error(post({{"query", "cat dog"}, {"minimum_should_match", bad}}), 400, "minimum_should_match").at("type") ==
              "invalid_request");
    CHECK(require_error(post({{"query", "cat dog"}, {"operator", "and"}, {"minimum_should_match", 1}}), 400,
                        "minimum_should_match").at("type") == "invalid_request");
    CHECK(require_error(post({{"vector", {1, 0, 0, 0}}, {"minimum_should_match", 1}}), 400, "minimum_should_match")
              .at("type") == "invalid_request");
    CHECK(require_error(post({{"vector", {1, 0, 0, 0}}, {"syntax", "simple"}}), 400, "syntax").at("type") == "invalid_request");
}
