#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include <boost/json/parse.hpp>

#include "core/json_text.hpp"

using braid::number_text;

TEST_CASE("numbers are written as JavaScript prints them", "[json_text]") {
    CHECK(number_text(0.9) == "0.9");
    CHECK(number_text(7.581446) == "7.581446");
    CHECK(number_text(2.5) == "2.5");
    CHECK(number_text(2021.0) == "2021");
    CHECK(number_text(-0.0) == "0");
    CHECK(number_text(0.1 + 0.2) == "0.30000000000000004");
    CHECK(number_text(1e21) == "1e+21");
    CHECK(number_text(123456789012345680000.0) == "123456789012345680000");
    CHECK(number_text(1e-7) == "1e-7");
    CHECK(number_text(1.5e-7) == "1.5e-7");
    CHECK(number_text(0.000001) == "0.000001");
    CHECK(number_text(-3.25e-300) == "-3.25e-300");
    CHECK(number_text(1.0 / 0.0) == "null");
}

TEST_CASE("every written double reads back to the same bits", "[json_text]") {
    std::mt19937_64 random(7);
    std::uniform_int_distribution<std::uint64_t> bits;
    int checked = 0;
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t raw = bits(random);
        double value;
        std::memcpy(&value, &raw, sizeof value);
        if (!std::isfinite(value)) continue;
        const std::string text = number_text(value);
        CHECK(std::strtod(text.c_str(), nullptr) == value);
        ++checked;
    }
    CHECK(checked > 10000);
}

TEST_CASE("JSON text keeps structure and escapes, in compact and pretty forms", "[json_text]") {
    const auto value = boost::json::parse(R"({"a":[1,-2,0.5,true,null],"s":"q\"\u00e9\n","o":{},"e":[]})");
    CHECK(braid::json_text(value) == R"({"a":[1,-2,0.5,true,null],"s":"q\"é\n","o":{},"e":[]})");
    CHECK(boost::json::parse(braid::pretty_json_text(value)) == value);
    CHECK(braid::pretty_json_text(boost::json::parse(R"({"a":[1]})")) == "{\n  \"a\": [\n    1\n  ]\n}");
}
