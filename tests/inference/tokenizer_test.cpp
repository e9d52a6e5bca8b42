#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "inference/tokenizer.hpp"
#include "tests/inference/model_files.hpp"

using braid::inference::Tokenizer;
using Ids = std::vector<std::uint32_t>;

TEST_CASE("WordPiece splits words greedily, longest match first, with ## continuations", "[inference]") {
    const std::vector<std::string> vocab = {"[UNK]", "un", "##aff", "##able", "aff", "able", "run", "##ning", "!", "##n", "é"};
    const auto t = Tokenizer::parse(braid::test::tokenizer_json("WordPiece", vocab), "test");
    CHECK(t.encode("unaffable") == Ids{1, 2, 3});
    CHECK(t.encode("Running!") == Ids{6, 7, 8});
    CHECK(t.encode("unx") == Ids{0});            // one unmatchable piece makes the word unknown
    CHECK(t.encode("runnnnnnnnnnnn") == Ids{0}); // longer than max_input_chars_per_word (12)
    CHECK(t.encode("") == Ids{});
}

TEST_CASE("WordLevel maps whole words, unknown ones to the unk token", "[inference]") {
    const std::vector<std::string> vocab = {"[UNK]", "statins", "lower", "ldl", "-", "c", "cholesterol"};
    const auto t = Tokenizer::parse(braid::test::tokenizer_json("WordLevel", vocab), "test");
    CHECK(t.encode("Statins lower LDL-C cholesterol") == Ids{1, 2, 3, 4, 5, 6});
    CHECK(t.encode("statins raise LDL") == Ids{1, 0, 3});
    CHECK(t.pre_tokens("Statins, naïvely") == std::vector<std::string>{"statins", ",", "naively"});
}

TEST_CASE("a tokenizer.json outside the supported subset is refused, naming the part", "[inference]") {
    const std::vector<std::string> vocab = {"[UNK]", "a"};
    auto refuse = [](const std::string& json, const std::string& part) {
        try {
            Tokenizer::parse(json, "tok.json");
            FAIL("accepted");
        } catch (const braid::Error& e) {
            CHECK(e.type() == "invalid_model");
            CHECK(std::string(e.what()).find(part) != std::string::npos);
        }
    };
    refuse(braid::test::tokenizer_json("BPE", vocab), "model type 'BPE'");
    refuse(braid::test::tokenizer_json("WordLevel", vocab, R"({"type":"NFKC"})"), "normalizer type 'NFKC'");
    refuse("{\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"a\":0},\"unk_token\":\"[UNK]\"}}", "unk_token '[UNK]'");
    refuse("not json", "tok.json: not valid JSON");
}
