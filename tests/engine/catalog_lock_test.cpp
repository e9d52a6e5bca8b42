#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "engine/catalog.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid;

TEST_CASE("two catalogs never share a data_dir - the second names the first, and gets it once it is closed",
          "[persistence][lock]") {
    test_support::TempDir dir;
    engine::CatalogOptions options;
    options.data_dir = dir.path() / "data";
    options.role = "braid serve";
    auto first = std::make_unique<engine::Catalog>(options, analyzers::AnalyzerRegistry::with_builtins());
    first->open({});
    first->advertise("http://127.0.0.1:1234");

    options.role = "braid index";
    try {
        engine::Catalog second(options, analyzers::AnalyzerRegistry::with_builtins());
        FAIL("a second catalog opened a data_dir another one holds");
    } catch (const Error& error) {
        CHECK(error.type() == "data_dir_locked");
        CHECK(std::string(error.what()).find("braid serve") != std::string::npos);
    }
    const auto holder = engine::data_dir_holder(options.data_dir);
    REQUIRE(holder);
    CHECK(holder->url == "http://127.0.0.1:1234");

    first.reset();
    engine::Catalog third(options, analyzers::AnalyzerRegistry::with_builtins());
    third.open({});
    CHECK(engine::data_dir_holder(options.data_dir)->role == "braid index");
}
