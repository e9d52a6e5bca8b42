#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>


#include "core/error.hpp"
#include "dense/vector_index.hpp"
#include "dense_test_data.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid;
using namespace braid::dense;
using namespace braid::dense::testing;

namespace {

constexpr std::size_t kDim = 24;

void flip_byte(const std::filesystem::path& file, std::size_t from_end) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::streamoff>(f.tellg());
    const std::streamoff at = size - static_cast<std::streamoff>(from_end);
    f.seekg(at);
    char c = 0;
    f.get(c);
    f.seekp(at);
    f.put(static_cast<char>(c ^ 0x5a));
}

void expect_io_error_naming(const VectorIndexSpec& spec, const std::filesystem::path& dir, const std::string& file) {
    try {
        load_vector_index(spec, dir);
        FAIL("expected an io error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::io);
        CHECK_THAT(e.what(), Catch::Contains(file));
    }
}

}  // namespace

TEST_CASE("save and load round-trip every index kind", "[dense][persistence]") {
    const auto rows = clustered_vectors(3000, kDim, 10, 9);
    struct Kind { IndexType type; Quantization quantization; std::size_t docs; };
    for (const Kind kind : {Kind{IndexType::hnsw, Quantization::none, 3000}, Kind{IndexType::flat, Quantization::none, 3000},
                            Kind{IndexType::hnsw, Quantization::int8, 3000}, Kind{IndexType::hnsw, Quantization::int8, 500}}) {
        VectorIndexSpec spec;
        spec.dimension = kDim;
        spec.type = kind.type;
        spec.quantization = kind.quantization;
        auto index = make_vector_index(spec);
        for (std::size_t i = 0; i < kind.docs; ++i) index->add(static_cast<DocOrdinal>(i * 3), row(rows, i, kDim));
        for (DocOrdinal doc = 0; doc < 300; doc += 2) index->remove(doc);
        index->add(9, row(rows, 7, kDim));  // a replaced vector

        test_support::TempDir dir("braid-dense-test");
        index->save(dir.path());
        const auto loaded = load_vector_index(spec, dir.path());
        CHECK(loaded->size() == index->size());
        CHECK(loaded->contains(9));
        CHECK_FALSE(loaded->contains(0));
        CHECK(loaded->needs_rebuild() == index->needs_rebuild());
        for (std::size_t q = 0; q < 50; ++q) {
            const auto query = row(rows, q * 7, kDim);
            CHECK(loaded->search({query, 10}).hits == index->search({query, 10}).hits);
        }
        // The loaded index keeps working: new slots continue after the saved ones.
        loaded->add(1'000'000, row(rows, 11, kDim));
        const auto hit = loaded->search({row(rows, 11, kDim), 1}).hits;
        REQUIRE(hit.size() == 1);
        CHECK((hit[0].doc == 1'000'000 || hit[0].doc == 33));
    }
}

TEST_CASE("damaged or missing files are io errors naming the file", "[dense][persistence]") {
    VectorIndexSpec spec;
    spec.dimension = kDim;
    const auto rows = clustered_vectors(500, kDim, 5, 3);
    auto index = make_vector_index(spec);
    for (std::size_t i = 0; i < 500; ++i) index->add(static_cast<DocOrdinal>(i), row(rows, i, kDim));

    test_support::TempDir dir("braid-dense-test");
    index->save(dir.path());
    SECTION("a flipped byte in the id map") {
        flip_byte(dir.path() / "vectors.ids", 100);
        expect_io_error_naming(spec, dir.path(), "vectors.ids");
    }
    SECTION("a flipped byte in the FAISS file") {
        flip_byte(dir.path() / "vectors.faiss", 1000);
        expect_io_error_naming(spec, dir.path(), "vectors.faiss");
    }
    SECTION("a truncated FAISS file") {
        std::filesystem::resize_file(dir.path() / "vectors.faiss", 100);
        expect_io_error_naming(spec, dir.path(), "vectors.faiss");
    }
    SECTION("a missing id map") {
        std::filesystem::remove(dir.path() / "vectors.ids");
        expect_io_error_naming(spec, dir.path(), "vectors.ids");
    }
    SECTION("another configuration") {
        VectorIndexSpec other = spec;
        other.metric = Metric::l2;
        expect_io_error_naming(other, dir.path(), "vectors.ids");
    }
}
