#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.hpp"
#include "inference/static_embedder.hpp"
#include "tests/inference/model_files.hpp"
#include "tests/support/temp_dir.hpp"

using braid::inference::EmbedRole;
using braid::inference::StaticEmbedder;

namespace {

// vocab: [UNK]=0 (zeros), cell=1, growth=2, "."=3; 4 dimensions.
const std::vector<float> kTable = {0, 0, 0, 0,  1, 0, 0, 0,  0, 2, 0, 0,  0, 0, 0.5f, 0.25f};

void write_model(const braid::test_support::TempDir& dir, bool f16, bool normalize) {
    braid::test::write_safetensors(dir / "model.safetensors", "embeddings", 4, 4, kTable, f16);
    dir.write("tokenizer.json", braid::test::tokenizer_json("WordLevel", {"[UNK]", "cell", "growth", "."}));
    dir.write("config.json", std::string("{\"model_type\":\"model2vec\",\"normalize\":") + (normalize ? "true" : "false") + "}");
}

}  // namespace

TEST_CASE("a static embedding is the mean of its tokens' rows", "[inference]") {
    for (const bool f16 : {false, true}) {
        INFO("f16 " << f16);
        braid::test_support::TempDir dir("braid-static");
        write_model(dir, f16, false);
        StaticEmbedder model(dir.path(), {});
        CHECK(model.native_dimensions() == 4);
        CHECK_FALSE(model.normalizes());
        // cell, growth, ".", unknown: (1 + 0 + 0 + 0, 0 + 2, 0.5, 0.25) / 4
        const auto v = model.embed_one("Cell GROWTH. zebra", EmbedRole::document);
        REQUIRE(v.size() == 4);
        CHECK(v[0] == Approx(0.25f));
        CHECK(v[1] == Approx(0.5f));
        CHECK(v[2] == Approx(0.125f));
        CHECK(v[3] == Approx(0.0625f));
        // A text with no tokens is the zero vector.
        CHECK(model.embed_one("   ", EmbedRole::query) == std::vector<float>(4, 0.0f));
    }
}

TEST_CASE("a static model with normalize=true answers unit vectors - dimensions truncates and re-normalizes", "[inference]") {
    braid::test_support::TempDir dir("braid-static");
    write_model(dir, false, true);
    StaticEmbedder model(dir.path(), {});
    const auto v = model.embed_one("cell growth", EmbedRole::document);  // (0.5, 1, 0, 0) normalized
    CHECK(v[0] == Approx(0.5 / std::sqrt(1.25)));
    CHECK(v[1] == Approx(1.0 / std::sqrt(1.25)));

    braid::inference::EmbedderOptions options;
    options.dimensions = 1;
    StaticEmbedder truncated(dir.path(), options);
    CHECK(truncated.embed_one("cell growth", EmbedRole::document) == std::vector<float>{1.0f});

    options.dimensions = 8;
    StaticEmbedder too_wide(dir.path(), options);
    try {
        too_wide.embed_one("cell", EmbedRole::document);
        FAIL("no error");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "embedder_dimensions");
        CHECK(std::string(e.what()).find("answers 4-dimensional vectors, fewer than dimensions = 8") != std::string::npos);
    }
}

TEST_CASE("a broken model folder is refused naming the file", "[inference]") {
    braid::test_support::TempDir dir("braid-static");
    write_model(dir, false, true);
    braid::test::write_safetensors(dir / "model.safetensors", "weights", 4, 4, kTable, false);
    try {
        StaticEmbedder model(dir.path(), {});
        FAIL("accepted");
    } catch (const braid::Error& e) {
        CHECK(e.type() == "invalid_model");
        CHECK(std::string(e.what()).find("no tensor 'embeddings' (tensors: weights)") != std::string::npos);
    }
    // A vocabulary larger than the table.
    braid::test::write_safetensors(dir / "model.safetensors", "embeddings", 3, 4, std::vector<float>(12, 1.0f), false);
    CHECK_THROWS_WITH(StaticEmbedder(dir.path(), {}), Catch::Contains("only 3 rows"));
    std::filesystem::remove(dir / "config.json");
    CHECK_THROWS_WITH(StaticEmbedder(dir.path(), {}), Catch::Contains("config.json: cannot open"));
}

TEST_CASE("F16 conversion covers normals, subnormals, zero and infinity", "[inference]") {
    using braid::inference::half_to_float;
    CHECK(half_to_float(0x3C00) == 1.0f);
    CHECK(half_to_float(0xC000) == -2.0f);
    CHECK(half_to_float(0x3555) == Approx(0.333251953125f));
    CHECK(half_to_float(0x0001) == Approx(5.960464477539063e-08f));  // smallest subnormal
    CHECK(half_to_float(0x8000) == -0.0f);
    CHECK(std::isinf(half_to_float(0x7C00)));
}
