#include "http/document_list.hpp"

#include <array>

#include "core/error.hpp"
#include "http/router.hpp"

namespace braid::http {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

[[noreturn]] void bad_cursor() {
    throw Error(ErrorKind::invalid_argument, "invalid_request",
                "cursor: not a cursor this server gave (pass a page's next_cursor as it came)", "cursor");
}

}  // namespace

std::string cursor_after(std::string_view last_id) {
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (const unsigned char c : last_id) {
        bits = (bits << 8) | c;
        count += 8;
        while (count >= 6) {
            count -= 6;
            out += kAlphabet[(bits >> count) & 0x3F];
        }
    }
    if (count > 0) out += kAlphabet[(bits << (6 - count)) & 0x3F];
    return out;
}

std::string id_of_cursor(std::string_view cursor) {
    if (cursor.empty()) bad_cursor();
    std::array<int, 256> value{};
    value.fill(-1);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) value[static_cast<unsigned char>(kAlphabet[i])] = int(i);
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (const unsigned char c : cursor) {
        if (value[c] < 0) bad_cursor();
        bits = (bits << 6) | static_cast<std::uint32_t>(value[c]);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    // Leftover bits must be the zero padding cursor_after() writes (one encoding per id).
    if (count >= 6 || (bits & ((1u << count) - 1)) != 0) bad_cursor();
    return out;
}

}  // namespace braid::http
