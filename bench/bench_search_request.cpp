// How long the HTTP layer takes to read a search request with a 256-d vector (issue 12: a few
// microseconds): parse the body, then read it into the engine's SearchRequest; the handler's path
// reads the vector straight from the bytes (http/search_body.hpp), the other lines are Boost.JSON's.
//   usage: build/bench/bench_search_request [iterations]
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include <vector>

#include "config/json_kit.hpp"
#include "core/json_text.hpp"
#include "http/json_body.hpp"
#include "http/search_body.hpp"
#include "http/search_request_json.hpp"

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 0.1f);
    std::string body = R"({"query":"how do statins lower cholesterol","k":10,"vector":[)";
    for (int i = 0; i < 256; ++i) {
        if (i) body += ',';
        braid::append_float_text(body, normal(rng));
    }
    body += "]}";
    const braid::http::SearchLimits limits;
    std::size_t checksum = 0;
    const auto time = [&](auto&& step) {
        for (int i = 0; i < iterations / 10; ++i) step();  // warm-up
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < iterations; ++i) step();
        return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / iterations;
    };
    const double parse_us = time([&] { checksum += braid::http::parse_json_body(body).as_object().size(); });
    const double read_us = time([&] {
        checksum += braid::http::parse_search_request(braid::http::parse_json_body(body), limits).vector->size();
    });
    const double handler_us = time([&] {
        braid::http::SearchBody parsed = braid::http::parse_search_body(body);
        checksum += braid::http::parse_search_request(parsed.json, limits, std::move(parsed.vector)).vector->size();
    });
    const double scan_us = time([&] { checksum += braid::http::find_vector_array(body)->values.size(); });
    // The reading loop as it was before: a JSON path string built for every element.
    const boost::json::value parsed = braid::http::parse_json_body(body);
    const double old_loop_us = time([&] {
        std::vector<float> vector;
        const auto& array = parsed.at("vector").as_array();
        vector.reserve(array.size());
        for (std::size_t i = 0; i < array.size(); ++i)
            vector.push_back(static_cast<float>(
                braid::http::expect_number(array[i], braid::config::json_kit::element_path("vector", i))));
        checksum += vector.size();
    });
    std::printf("search request with a 256-d vector (%zu bytes), %d iterations\n", body.size(), iterations);
    std::printf("  the handler's path (vector read from the bytes, then the rest): %7.2f us\n", handler_us);
    std::printf("    of which reading the vector from the bytes: %7.2f us\n", scan_us);
    std::printf("  Boost.JSON parse only:         %7.2f us\n", parse_us);
    std::printf("  parse + read into the request: %7.2f us (reading: %.2f us)\n", read_us, read_us - parse_us);
    std::printf("  vector elements read with a path string each (the old loop): %.2f us\n", old_loop_us);
    std::printf("  (checksum %zu)\n", checksum);
}
