#include "http/gzip.hpp"

#include <zlib.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "http/header_text.hpp"

namespace braid::http {

namespace {

// The q of one coding's parameters ("q=0.5"); 1 when absent.
double quality(std::string_view parameters) {
    while (!parameters.empty()) {
        const auto semicolon = parameters.find(';');
        const std::string_view parameter = trim_whitespace(parameters.substr(0, semicolon));
        if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
            return std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
        }
        if (semicolon == std::string_view::npos) break;
        parameters.remove_prefix(semicolon + 1);
    }
    return 1.0;
}

}  // namespace

bool accepts_gzip(std::string_view header) {
    bool gzip = false, star = false, gzip_named = false;
    while (!header.empty()) {
        const auto comma = header.find(',');
        const std::string_view item = trim_whitespace(header.substr(0, comma));
        const auto semicolon = item.find(';');
        const std::string_view coding = trim_whitespace(item.substr(0, semicolon));
        const double q = semicolon == std::string_view::npos ? 1.0 : quality(item.substr(semicolon + 1));
        if (iequals_ascii(coding, "gzip") || iequals_ascii(coding, "x-gzip")) {
            gzip_named = true;
            gzip = q > 0;
        } else if (coding == "*") {
            star = q > 0;
        }
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return gzip_named ? gzip : star;
}

std::string gzip_compress(std::string_view bytes) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const auto written = stream.total_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
    out.resize(written);
    return out;
}

}  // namespace braid::http
