#include "http/search_body.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/stream_parser.hpp>

#include "http/json_body.hpp"

namespace braid::http {
namespace {

unsigned digit_of(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; }

// Adds the digits from `p` on to `mantissa` (which may wrap: the caller counts the digits), and
// returns where they end.
const char* digits(const char* p, const char* last, std::uint64_t& mantissa) {
    for (unsigned d; p != last && (d = digit_of(*p)) <= 9; ++p) mantissa = mantissa * 10 + d;
    return p;
}

// A cursor over the body that gives up (returns false) at anything the fast path does not handle.
struct Scanner {
    std::string_view text;
    std::size_t at = 0;

    bool done() const { return at >= text.size(); }
    char peek() const { return text[at]; }
    void skip_space() {
        while (!done() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t')) ++at;
    }
    bool take(char c) {
        skip_space();
        if (done() || peek() != c) return false;
        ++at;
        return true;
    }

    // A member name without escapes (an escaped one might spell "vector").
    std::optional<std::string_view> key() {
        if (!take('"')) return std::nullopt;
        const std::size_t start = at;
        while (!done() && peek() != '"') {
            if (peek() == '\\') return std::nullopt;
            ++at;
        }
        if (done()) return std::nullopt;
        return text.substr(start, at++ - start);
    }

    // Skips one JSON value, up to the comma or brace after it, without checking it (Boost.JSON
    // checks the body afterwards).
    bool skip_value() {
        int depth = 0;
        while (!done()) {
            const char c = peek();
            if (depth == 0 && (c == ',' || c == '}')) return true;
            if (c == '"') {
                ++at;
                while (!done() && peek() != '"') at += peek() == '\\' ? 2 : 1;
                if (done()) return false;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if ((c == ']' || c == '}') && --depth < 0) {
                return false;
            }
            ++at;
        }
        return false;
    }

    // One JSON number (the strict grammar) as a double; nullopt for anything else.
    std::optional<double> number() {
        skip_space();
        const char* const first = text.data() + at;
        const char* const last = text.data() + text.size();
        const char* p = first;
        const bool negative = p != last && *p == '-';
        p += negative;
        std::uint64_t mantissa = 0;
        const char* const integer_start = p;
        if (p == last || digit_of(*p) > 9) return std::nullopt;
        if (*p == '0') ++p;
        else p = digits(p, last, mantissa);
        std::size_t count = static_cast<std::size_t>(p - integer_start);
        int exponent = 0;
        bool integer = true;
        if (p != last && *p == '.') {
            const char* const fraction = ++p;
            // Eight digits at once (a float written shortest has up to nine), then one by one.
            if (last - p >= 8) {
                std::uint64_t eight;
                std::memcpy(&eight, p, 8);
                if ((((eight & 0xF0F0F0F0F0F0F0F0) | (((eight + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) ==
                     0x3333333333333333)) {
                    eight -= 0x3030303030303030;
                    eight = (eight * 10) + (eight >> 8);
                    eight = (((eight & 0x000000FF000000FF) * (100 + (1000000ULL << 32))) +
                             (((eight >> 16) & 0x000000FF000000FF) * (1 + (10000ULL << 32)))) >> 32;
                    mantissa = mantissa * 100000000 + eight;
                    p += 8;
                }
            }
            p = digits(p, last, mantissa);
            if (p == fraction) return std::nullopt;
            count += static_cast<std::size_t>(p - fraction);
            exponent = -static_cast<int>(p - fraction);
            integer = false;
        }
        if (p != last && (*p == 'e' || *p == 'E')) {
            ++p;
            const bool minus = p != last && *p == '-';
            if (p != last && (*p == '-' || *p == '+')) ++p;
            if (p == last || digit_of(*p) > 9) return std::nullopt;
            int written = 0;
            for (; p != last && digit_of(*p) <= 9; ++p)
                if (written < 10000) written = written * 10 + static_cast<int>(digit_of(*p));
            // Boost.JSON 1.81 reads a zero with an exponent above 308 ("0e400") as NaN: numbers
            // with such exponents are left to it.
            if (!minus && written > 308) return std::nullopt;
            exponent += minus ? -written : written;
            integer = false;
        }
        at = static_cast<std::size_t>(p - text.data());
        // Up to 19 digits (leading zeros included) fit the mantissa; longer ones are read below.
        if (count <= 19) {
            // Boost.JSON reads "-0" as the integer 0, and "-0.0" as the double -0.0.
            if (mantissa == 0) return negative && !integer ? -0.0 : 0.0;
            // Clinger's fast path: a mantissa and a power of ten both exact in a double give the
            // correctly rounded quotient or product.
            static constexpr double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
            if (mantissa <= (std::uint64_t{1} << 53) && exponent >= -22 && exponent <= 22) {
                double value = static_cast<double>(mantissa);
                value = exponent < 0 ? value / powers[-exponent] : value * powers[exponent];
                return negative ? -value : value;
            }
        }
        double value = 0;
        const auto [end, error] = std::from_chars(first, p, value);
        if (error != std::errc() || end != p || !std::isfinite(value)) return std::nullopt;
        if (value == 0 && negative && integer) value = 0.0;
        return value;
    }

    // The numbers of a non-empty array, the cursor just past its `[`.
    std::optional<std::vector<float>> numbers() {
        std::vector<float> values;
        values.reserve(text.size() / 8);  // at least a digit, a comma and some text around per element
        do {
            const auto value = number();
            if (!value) return std::nullopt;
            values.push_back(static_cast<float>(*value));
        } while (take(','));
        if (!take(']')) return std::nullopt;
        return values;
    }
};

// A monotonic resource whose first block is inside it (monotonic_resource is final).
class BodyResource final : public boost::json::memory_resource {
private:
    void* do_allocate(std::size_t bytes, std::size_t align) override { return monotonic_.allocate(bytes, align); }
    void do_deallocate(void*, std::size_t, std::size_t) override {}  // freed all at once
    bool do_is_equal(const boost::json::memory_resource& other) const noexcept override { return this == &other; }

    unsigned char first_block_[2048];
    boost::json::monotonic_resource monotonic_{first_block_, sizeof first_block_};
};

}  // namespace

std::optional<VectorSpan> find_vector_array(std::string_view body) {
    Scanner scan{body};
    if (!scan.take('{')) return std::nullopt;
    std::optional<VectorSpan> found;
    scan.skip_space();
    if (!scan.done() && scan.peek() == '}') return std::nullopt;
    do {
        const auto name = scan.key();
        if (!name || !scan.take(':')) return std::nullopt;
        if (*name != "vector") {
            if (!scan.skip_value()) return std::nullopt;
            continue;
        }
        if (found || !scan.take('[')) return std::nullopt;  // repeated, or not an array
        VectorSpan span;
        span.begin = scan.at - 1;
        auto values = scan.numbers();
        if (!values) return std::nullopt;
        span.end = scan.at;
        span.values = std::move(*values);
        found = std::move(span);
    } while (scan.take(','));
    return found;
}

SearchBody parse_search_body(std::string_view body) {
    // The body's values (a few members and strings) in one allocation rather than one each; a
    // shared resource lives as long as any value copied from them.
    boost::json::storage_ptr storage = boost::json::make_shared_resource<BodyResource>();
    if (auto span = find_vector_array(body)) {
        boost::json::parse_options options;
        options.max_depth = max_json_depth;
        options.allow_invalid_utf8 = false;
        unsigned char temporary[1024];  // the parser's own stack, for a search body's nesting
        boost::json::stream_parser parser({}, options, temporary);
        parser.reset(storage);
        boost::json::error_code ec;
        parser.write(body.data(), span->begin, ec);
        if (!ec) parser.write("null", 4, ec);
        if (!ec) parser.write(body.data() + span->end, body.size() - span->end, ec);
        if (!ec) parser.finish(ec);
        if (!ec) return {parser.release(), std::move(span->values)};
        // Malformed elsewhere: the whole body's parse reports it, as for any other body.
    }
    return {parse_json_body(body, std::move(storage)), std::nullopt};
}

}  // namespace braid::http
