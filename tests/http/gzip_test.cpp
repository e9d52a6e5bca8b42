#include <catch2/catch.hpp>

#include <zlib.h>

#include "http/gzip.hpp"
#include "http/request_id.hpp"

#include <string>
#include <vector>

using braid::http::accepts_gzip;

TEST_CASE("Accept-Encoding admits gzip by name or by *, unless its q is 0", "[gzip]") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("deflate, GZIP;q=0.5"));
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip("br, *;q=0.1"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip; q=0, *"));  // named and refused beats the wildcard
    CHECK_FALSE(accepts_gzip("*;q=0"));
    CHECK_FALSE(accepts_gzip("gzipx, xgzip"));
}

TEST_CASE("gzip_compress output inflates back to the input", "[gzip]") {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "hit " + std::to_string(i * 7919 % 1000) + ", ";
    const std::string packed = braid::http::gzip_compress(text);
    REQUIRE(packed.size() < text.size());
    CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);  // the gzip magic
    CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
    std::string out(text.size(), '\0');
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    stream.avail_in = static_cast<uInt>(packed.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
    inflateEnd(&stream);
    CHECK(out == text);
}

TEST_CASE("request ids: sane client ids are kept, anything else is replaced", "[request-id]") {
    CHECK(braid::http::request_id_for("abc-DEF_1.2:3") == "abc-DEF_1.2:3");
    for (const std::string& bad : std::vector<std::string>{"", "has space", "new\nline", "quote\"", std::string(129, 'a')}) {
        const auto id = braid::http::request_id_for(bad);
        CHECK(id.size() == 16);
        CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    }
    CHECK(braid::http::request_id_for("") != braid::http::request_id_for(""));
}
