// A search body's "vector" read straight from its bytes (http/search_body.hpp) gives the floats
// Boost.JSON's reading gives, and every body the fast path does not take, or that is malformed
// elsewhere, is read (or refused, with the same error) exactly as parse_json_body reads it.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json_text.hpp"
#include "http/json_body.hpp"
#include "http/search_body.hpp"
#include "http/search_request_json.hpp"

using braid::Error;
using namespace braid::http;

namespace {

// The vector as the slow path reads it: Boost.JSON's value, each element narrowed to a float.
std::vector<float> boost_vector(const std::string& body) {
    return *parse_search_request(parse_json_body(body), {}).vector;
}

// Equal, or one float apart (Boost.JSON 1.81 reads a decimal to within 1 ULP of the double).
bool close(float a, float b) { return a == b || std::nextafter(a, b) == b; }

void require_same_vector(const std::string& body) {
    INFO(body);
    const SearchBody fast = parse_search_body(body);
    REQUIRE(fast.vector);
    CHECK(fast.json.as_object().at("vector").is_null());
    const std::vector<float> slow = boost_vector(body);
    REQUIRE(fast.vector->size() == slow.size());
    for (std::size_t i = 0; i < slow.size(); ++i) {
        INFO("element " << i);
        CHECK(close((*fast.vector)[i], slow[i]));
        CHECK(std::signbit((*fast.vector)[i]) == std::signbit(slow[i]));
    }
}

std::optional<std::string> parse_error(const std::string& body, bool fast) {
    try {
        if (fast) parse_search_body(body);
        else parse_json_body(body);
    } catch (const Error& error) {
        return std::string(error.type()) + ": " + error.what();
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("a plain vector is read from the bytes as Boost.JSON reads it", "[http][search_body]") {
    require_same_vector(R"({"query":"q","vector":[0.5,-1,2e-1],"k":10})");
    require_same_vector(R"({ "vector" : [ 1 , -0 , -0.0 , 0e5 , -0E-2 , 0.00067234 , 123456789012 ] })");
    require_same_vector(R"({"vector":[1e22,1e23,-1.5e-22,3.4028235e38,1e-45,7e-46,1.17549435e-38]})");
    require_same_vector(R"({"vector":[12345678901234567890123,0.12345678901234567890123,9007199254740993]})");
    require_same_vector(R"({"vector":[18446744073709551615,-9223372036854775808,1.0E+2,4.9406564584124654e-324]})");
    require_same_vector("{\"vector\":\n\t[\r1\n,\t2 ]\n}");
    // Found by fuzz_search_request (CI, stop 22).
    require_same_vector(R"({"query":"q","vector":[ -0 , -0.2, 1e5,1E+2, 0.00067234 ,1e22,1e23,9007199254740993,12345678901234567890123, 0.123 , -0.0, 1e5,1E+2, 0.00067234 ,1e22,1e23,9007199254456782345678901,-1.5e-300,0e-400,0e308],"k":3})");

    // Random vectors written as braid writes floats and with 5-17 significant digits.
    std::mt19937 rng(7);
    std::normal_distribution<double> normal(0.0, 0.3);
    std::uniform_int_distribution<int> digits(5, 17), scale(-30, 30);
    for (int round = 0; round < 50; ++round) {
        std::string body = R"({"k":10,"vector":[)";
        for (int i = 0; i < 64; ++i) {
            if (i) body += ',';
            const double x = normal(rng) * (round % 5 == 0 ? std::pow(10.0, scale(rng)) : 1.0);
            if (i % 2) {
                braid::append_float_text(body, static_cast<float>(x));
            } else {
                char text[40];
                std::snprintf(text, sizeof text, "%.*g", digits(rng), x);
                body += text;
            }
        }
        body += R"(],"query":"statins"})";
        require_same_vector(body);
    }
}

TEST_CASE("a vector the fast path does not take is read from the parsed JSON", "[http][search_body]") {
    for (const std::string& body : std::vector<std::string>{
             R"({"query":"q"})",
             R"({"vector":[]})",
             R"({"vector":[1,"2"]})",
             R"({"vector":[1,null]})",
             R"({"vector":[[1],2]})",
             R"({"vector":"1,2"})",
             R"({"vector":{"0":1}})",
             R"({"vector":[1,2],"vector":[3,4]})",  // Boost.JSON keeps the last
             R"({"vect\u006fr":[1,2]})",
             R"({"vector":[1e400]})",
             R"({"vector":[0e400]})",  // NaN to Boost.JSON 1.81 (found by fuzz_search_request)
             R"({"vector":[1,0.0e309]})",
             R"({"vector":[01]})",
             R"({"vector":[1.]})",
             R"({"vector":[.5]})",
             R"({"vector":[+1]})",
             R"({"vector":[1,]})",
             R"({"vector":[1 2]})",
             R"([{"vector":[1]}])",
             R"({"fusion":{"vector":[1,2]}})",
             R"({})",
         }) {
        INFO(body);
        CHECK_FALSE(find_vector_array(body));
    }
    // Values before it are skipped whatever they hold: strings with brackets, quotes and escapes.
    const std::string tricky = R"({"query":"a]}\"b,{[","fields":{"t":[1,{"x":"}"}]},"vector":[1,2]})";
    const auto span = find_vector_array(tricky);
    REQUIRE(span);
    CHECK(tricky.substr(span->begin, span->end - span->begin) == "[1,2]");
    CHECK(span->values == std::vector<float>{1.0f, 2.0f});
}

TEST_CASE("a body malformed around a plain vector is refused as parse_json_body refuses it", "[http][search_body]") {
    const std::string deep = std::string(70, '[') + std::string(70, ']');
    for (const std::string& body : std::vector<std::string>{
             R"({"vector":[1,2]})" "x",
             R"({"vector":[1,2])",
             R"({"vector":[1,2],})",
             R"({"vector":[1,2] "k":1})",
             R"({"k":tru,"vector":[1,2]})",
             R"({"k":1,,"vector":[1,2]})",
             R"({"vector":[1,2],"q":"\x"})",
             "{\"vector\":[1,2],\"q\":\"\xff\"}",
             "{\"vector\":[1,2],\"q\":\"a\nb\"}",
             "{\"vector\":[1,2],\"d\":" + deep + "}",
             R"({"vector":[1,2]}{"vector":[3]})",
             "",
         }) {
        INFO(body);
        const auto slow = parse_error(body, false);
        REQUIRE(slow);
        CHECK(parse_error(body, true) == slow);
    }
}
