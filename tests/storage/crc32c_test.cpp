#include <catch2/catch.hpp>

#include <string>

#include "storage/crc32c.hpp"
#include "storage/snapshot_store.hpp"  // still exports crc32c for existing callers

using braid::storage::crc32c;

namespace {

// Bit-at-a-time reference straight from the definition, to check the table-driven version.
std::uint32_t crc32c_bitwise(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : bytes) {
        crc ^= c;
        for (int i = 0; i < 8; ++i) crc = (crc >> 1) ^ ((crc & 1u) ? 0x82F63B78u : 0u);
    }
    return ~crc;
}

}  // namespace

TEST_CASE("crc32c matches the published check values", "[storage][crc32c]") {
    CHECK(crc32c("123456789") == 0xE3069283u);
    CHECK(crc32c("") == 0u);
    // RFC 3720 (iSCSI) B.4 test vectors.
    CHECK(crc32c(std::string(32, '\0')) == 0x8A9136AAu);
    CHECK(crc32c(std::string(32, '\xFF')) == 0x62A8AB43u);
    std::string ascending, descending;
    for (int i = 0; i < 32; ++i) {
        ascending.push_back(static_cast<char>(i));
        descending.push_back(static_cast<char>(31 - i));
    }
    CHECK(crc32c(ascending) == 0x46DD794Eu);
    CHECK(crc32c(descending) == 0x113FDB5Cu);
}

TEST_CASE("crc32c agrees with the bitwise definition at every length and alignment", "[storage][crc32c]") {
    std::string text;
    for (int i = 0; i < 300; ++i) text.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
    for (std::size_t start = 0; start < 9; ++start) {
        for (std::size_t length = 0; start + length <= text.size(); length += 7) {
            const std::string piece = text.substr(start, length);
            REQUIRE(crc32c(piece) == crc32c_bitwise(piece));
        }
    }
}

TEST_CASE("crc32c continues from a seed", "[storage][crc32c]") {
    const std::string a = "hybrid search ", b = "with durable writes";
    CHECK(crc32c(b, crc32c(a)) == crc32c(a + b));
    CHECK(crc32c("6789", crc32c("12345")) == 0xE3069283u);
}
