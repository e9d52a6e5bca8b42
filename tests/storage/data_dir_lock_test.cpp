#include <catch2/catch.hpp>

#include <unistd.h>

#include <optional>

#include "core/error.hpp"
#include "storage/data_dir_lock.hpp"
#include "tests/support/temp_dir.hpp"

using braid::storage::DataDirLock;

TEST_CASE("a data_dir lock excludes a second holder until it is released", "[lock]") {
    braid::test_support::TempDir dir;
    const auto data = dir.path() / "data";
    std::optional<DataDirLock> first(std::in_place, data, "braid serve");
    first->set_url("http://127.0.0.1:7700");

    const auto holder = DataDirLock::read_holder(data);
    REQUIRE(holder);
    CHECK(holder->pid == static_cast<long>(::getpid()));
    CHECK(holder->role == "braid serve");
    CHECK(holder->url == "http://127.0.0.1:7700");

    try {
        DataDirLock second(data, "braid index");
        FAIL("a second lock on the same data_dir was granted");
    } catch (const braid::Error& error) {
        CHECK(error.kind() == braid::ErrorKind::conflict);
        CHECK(error.type() == "data_dir_locked");
        const std::string message = error.what();
        CHECK(message.find("braid serve (pid " + std::to_string(::getpid()) + ")") != std::string::npos);
        CHECK(message.find("http://127.0.0.1:7700") != std::string::npos);
    }

    first.reset();
    DataDirLock third(data, "braid index");
    const auto now = DataDirLock::read_holder(data);
    REQUIRE(now);
    CHECK(now->role == "braid index");
    CHECK(now->url.empty());
}
