#include "http/request_id.hpp"

#include <cstdint>
#include <random>

namespace braid::http {

namespace {

bool sane(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == ':' || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

std::string request_id_for(std::string_view header) {
    if (sane(header)) return std::string(header);
    thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char hex[] = "0123456789abcdef";
    std::uint64_t bits = random();
    std::string id(16, '0');
    for (auto& c : id) {
        c = hex[bits & 15];
        bits >>= 4;
    }
    return id;
}

}  // namespace braid::http
