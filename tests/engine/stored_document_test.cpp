#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "engine/document_codec.hpp"
#include "engine/document_store.hpp"
#include "engine/json_members.hpp"
#include "engine/stored_document.hpp"

using namespace braid;
using namespace braid::engine;
namespace json = boost::json;

namespace {

// A random JSON value of bounded depth, as text with random spacing.
std::string random_value(std::mt19937& rng, int depth);

std::string space(std::mt19937& rng) {
    static const char* spaces[] = {"", "", " ", "  ", "\t", "\n "};
    return spaces[rng() % 6];
}

std::string random_string(std::mt19937& rng) {
    static const char* parts[] = {"a", "b", "vec", "\\\"", "\\\\", "\\u00e9", "é", "{", "}", "[", "]", ",", ":", "\\n"};
    std::string s = "\"";
    for (unsigned i = rng() % 5; i > 0; --i) s += parts[rng() % 14];
    return s + "\"";
}

std::string random_value(std::mt19937& rng, int depth) {
    const unsigned kind = depth <= 0 ? rng() % 4 : rng() % 6;
    switch (kind) {
        case 0: return random_string(rng);
        case 1: return std::to_string(static_cast<int>(rng() % 2000) - 1000) + (rng() % 2 ? ".25e-3" : "");
        case 2: return rng() % 2 ? "true" : "null";
        case 3: return "false";
        case 4: {
            std::string s = "[" + space(rng);
            for (unsigned i = 0, n = rng() % 4; i < n; ++i)
                s += (i ? "," + space(rng) : "") + random_value(rng, depth - 1) + space(rng);
            return s + "]";
        }
        default: {
            std::string s = "{" + space(rng);
            for (unsigned i = 0, n = rng() % 4; i < n; ++i)
                s += (i ? "," + space(rng) : "") + random_string(rng) + space(rng) + ":" + space(rng) +
                     random_value(rng, depth - 1);
            return s + space(rng) + "}";
        }
    }
}

// A random object whose keys are distinct, `with_vector` adding an "embedding" member somewhere.
std::string random_document(std::mt19937& rng, bool with_vector) {
    static const char* keys[] = {"id", "title", "t\\u0069tle2", "body", "n", "nested", "list"};
    std::vector<std::string> members;
    for (unsigned i = 0, n = rng() % 6; i < n; ++i)
        members.push_back(std::string("\"") + keys[i] + "\"" + space(rng) + ":" + space(rng) + random_value(rng, 2));
    if (with_vector) {
        const auto at = members.begin() + static_cast<long>(rng() % (members.size() + 1));
        members.insert(at, "\"embedding\"" + space(rng) + ":" + space(rng) + "[0.5, -1,2.25e1]");
    }
    std::string text = "{" + space(rng);
    for (std::size_t i = 0; i < members.size(); ++i) text += (i ? "," + space(rng) : "") + members[i];
    return text + space(rng) + "}";
}

}  // namespace

TEST_CASE("the member scanner finds what a JSON parser finds, on random documents", "[stored_document]") {
    std::mt19937 rng(12);
    for (int round = 0; round < 2000; ++round) {
        const std::string text = random_document(rng, round % 2 == 0);
        const json::object parsed = json::parse(text).as_object();
        const auto members = top_level_members(text);
        REQUIRE(members.size() == parsed.size());
        std::size_t i = 0;
        for (const auto& member : parsed) {
            CHECK(decoded_key(members[i].raw_key) == std::string(member.key()));
            const std::string_view member_text = std::string_view(text).substr(members[i].begin,
                                                                               members[i].end - members[i].begin);
            const auto colon = member_text.find(':', members[i].raw_key.size() + 2);
            CHECK(json::parse(member_text.substr(colon + 1)) == member.value());
            ++i;
        }
    }
}

TEST_CASE("cutting the vector member keeps every other byte and puts it back in place", "[stored_document]") {
    std::mt19937 rng(7);
    const std::vector<float> vector{0.5f, -1.0f, 22.5f};
    for (int round = 0; round < 2000; ++round) {
        const bool has_vector = round % 3 != 0;
        const std::string text = random_document(rng, has_vector);
        const StrippedDocument stripped = strip_member(text, "embedding");
        json::object expected = json::parse(text).as_object();
        expected.erase("embedding");
        CHECK(json::parse(stripped.text) == expected);
        CHECK((stripped.slot.kind == VectorSlot::Kind::none) == !has_vector);
        CHECK(stripped.text.size() < text.size() + (has_vector ? 0 : 1));

        const std::string back = with_vector(stripped.text, stripped.slot, "embedding", vector);
        const json::value reparsed = json::parse(back);
        CHECK(reparsed.at("embedding") == json::parse("[0.5,-1,22.5]"));
        if (has_vector) {
            // The same members in the same order as sent.
            const json::object original = json::parse(text).as_object();
            std::vector<std::string> keys_sent, keys_back;
            for (const auto& m : original) keys_sent.emplace_back(m.key());
            for (const auto& m : reparsed.as_object()) keys_back.emplace_back(m.key());
            CHECK(keys_back == keys_sent);
        }
    }
}

TEST_CASE("stored bytes stay as sent: spacing and number spelling survive", "[stored_document]") {
    const std::string text = R"({ "id" : "x",  "embedding" :[1, 2],"price": 1.50, "big": 12345678901234567890 })";
    const StrippedDocument stripped = strip_member(text, "embedding");
    CHECK(stripped.text == R"({ "id" : "x","price": 1.50, "big": 12345678901234567890 })");
    CHECK(with_vector(stripped.text, stripped.slot, "embedding", std::vector<float>{0.1f, 3e-7f}) ==
          R"({ "id" : "x","embedding":[0.1,3e-7],"price": 1.50, "big": 12345678901234567890 })");
    CHECK(strip_member(R"({"embedding":[1]})", "embedding").text == "{}");
    CHECK(with_vector("{}", strip_member(R"({"embedding":[1]})", "embedding").slot, "embedding",
                      std::vector<float>{1}) == R"({"embedding":[1]})");
    CHECK(with_vector(R"({"a":1})", VectorSlot{}, "v", std::vector<float>{2}) == R"({"a":1,"v":[2]})");
}

TEST_CASE("include and exclude select top-level members, bytes as they were", "[stored_document]") {
    const std::string text = R"({"id":"x", "title" : "A \"T\"", "n":1.50,"tags":["a","b"],"t\u0069p":{"k":[1]}})";
    CHECK(select_members(text, {}) == text);
    CHECK(select_members(text, {{"title", "n"}, {}}) == R"({"title" : "A \"T\"","n":1.50})");
    CHECK(select_members(text, {{}, {"title", "tags"}}) == R"({"id":"x","n":1.50,"t\u0069p":{"k":[1]}})");
    CHECK(select_members(text, {{"tip"}, {}}) == R"({"t\u0069p":{"k":[1]}})");  // escaped key
    CHECK(select_members(text, {{"title", "n"}, {"n"}}) == R"({"title" : "A \"T\""})");
    CHECK(select_members(text, {{"nothing"}, {}}) == "{}");
}

TEST_CASE("the codec round-trips texts with and without a dictionary", "[stored_document]") {
    DocumentCodec codec;
    std::vector<std::string> texts;
    std::mt19937 rng(3);
    for (int i = 0; i < 600; ++i) {
        std::string text = R"({"id":")" + std::to_string(i) + R"(","title":"a study of )";
        for (int w = 0; w < 40; ++w) text += std::vector<std::string>{"cells ", "protein ", "mice ", "gene "}[rng() % 4];
        texts.push_back(text + R"(","year":2001})");
    }
    std::vector<DocumentCodec::Packed> plain;
    for (const auto& t : texts) {
        plain.push_back(codec.compress(t));
        CHECK(plain.back().packing == DocumentCodec::Packing::lz4);
        CHECK(codec.decompress(plain.back().bytes, plain.back().packing, t.size()) == t);
    }
    CHECK(codec.compress("{}").packing == DocumentCodec::Packing::raw);
    REQUIRE(codec.train(std::vector<std::string_view>(texts.begin(), texts.end()), 16 << 10));
    CHECK(codec.dictionary_bytes() > 0);
    CHECK(codec.dictionary_bytes() <= DocumentCodec::kMaxDictionary);
    std::size_t plain_bytes = 0, dictionary_bytes = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        const auto packed = codec.compress(texts[i]);
        CHECK(packed.packing == DocumentCodec::Packing::lz4_dictionary);
        CHECK(codec.decompress(packed.bytes, packed.packing, texts[i].size()) == texts[i]);
        // Blocks packed before the dictionary still read back.
        CHECK(codec.decompress(plain[i].bytes, plain[i].packing, texts[i].size()) == texts[i]);
        plain_bytes += plain[i].bytes.size();
        dictionary_bytes += packed.bytes.size();
    }
    CHECK(dictionary_bytes < plain_bytes);
}

namespace {

// `count` texts over `words`, similar enough for a dictionary to be trained on them.
std::vector<std::string> similar_texts(const std::vector<std::string>& words, int count, std::size_t words_per_text,
                                       unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<std::string> texts;
    for (int i = 0; i < count; ++i) {
        std::string text = R"({"id":")" + std::to_string(i) + R"(","text":")";
        for (std::size_t w = 0; w < words_per_text; ++w) text += words[rng() % words.size()] + " ";
        texts.push_back(text + R"("})");
    }
    return texts;
}

}  // namespace

TEST_CASE("texts of codecs with different dictionaries decode right in turn on one thread", "[stored_document]") {
    // A thread decodes with the last dictionary it used placed before its output: each codec,
    // each new training and each new codec (even at a freed one's address) must be told apart.
    const auto a_texts = similar_texts({"alpha ", "beta ", "gamma ", "delta "}, 400, 40, 1);
    const auto b_texts = similar_texts({"cells ", "protein ", "mice ", "gene "}, 400, 40, 2);
    auto packed_with = [](DocumentCodec& codec, const std::vector<std::string>& texts) {
        std::vector<DocumentCodec::Packed> packed;
        for (const auto& t : texts) packed.push_back(codec.compress(t));
        return packed;
    };
    auto check_in_turn = [](const DocumentCodec& a, const std::vector<DocumentCodec::Packed>& a_packed,
                            const std::vector<std::string>& a_plain, const DocumentCodec& b,
                            const std::vector<DocumentCodec::Packed>& b_packed, const std::vector<std::string>& b_plain) {
        for (std::size_t i = 0; i < a_plain.size(); ++i) {
            REQUIRE(a_packed[i].packing == DocumentCodec::Packing::lz4_dictionary);
            REQUIRE(a.decompress(a_packed[i].bytes, a_packed[i].packing, a_plain[i].size()) == a_plain[i]);
            REQUIRE(b.decompress(b_packed[i].bytes, b_packed[i].packing, b_plain[i].size()) == b_plain[i]);
        }
    };
    DocumentCodec a, b;
    REQUIRE(a.train(std::vector<std::string_view>(a_texts.begin(), a_texts.end()), 16 << 10));
    REQUIRE(b.train(std::vector<std::string_view>(b_texts.begin(), b_texts.end()), 16 << 10));
    check_in_turn(a, packed_with(a, a_texts), a_texts, b, packed_with(b, b_texts), b_texts);

    // a retrained on b's vocabulary: its new blocks need the new dictionary.
    REQUIRE(a.train(std::vector<std::string_view>(b_texts.begin(), b_texts.end()), 8 << 10));
    check_in_turn(a, packed_with(a, b_texts), b_texts, b, packed_with(b, b_texts), b_texts);

    // Codecs made and trained one after another, each freed before the next.
    for (int round = 0; round < 4; ++round) {
        const auto& texts = round % 2 == 0 ? a_texts : b_texts;
        DocumentCodec c;
        REQUIRE(c.train(std::vector<std::string_view>(texts.begin(), texts.end()), (8 + 4 * round) << 10));
        const auto packed = packed_with(c, texts);
        for (std::size_t i = 0; i < texts.size(); ++i)
            REQUIRE(c.decompress(packed[i].bytes, packed[i].packing, texts[i].size()) == texts[i]);
    }

    // A text too long for the thread's window reads the dictionary in place.
    const std::string long_text = similar_texts({"alpha ", "beta ", "cells ", "gene ", "x"}, 1, 80000, 3).front();
    REQUIRE(long_text.size() > (256u << 10));
    const auto packed_long = b.compress(long_text);
    REQUIRE(packed_long.packing == DocumentCodec::Packing::lz4_dictionary);
    CHECK(b.decompress(packed_long.bytes, packed_long.packing, long_text.size()) == long_text);
}

TEST_CASE("the codec decodes into a caller's buffer and refuses damaged or mis-sized blocks", "[stored_document]") {
    DocumentCodec codec;
    std::string text = R"({"title":")";
    for (int i = 0; i < 50; ++i) text += "repeated words ";
    text += "\"}";
    const auto packed = codec.compress(text);
    REQUIRE(packed.packing == DocumentCodec::Packing::lz4);
    std::string out = "prefix:";
    out.resize(out.size() + text.size());
    codec.decompress_to(packed.bytes, packed.packing, out.data() + 7, text.size());
    CHECK(out == "prefix:" + text);
    CHECK_THROWS_AS(codec.decompress(packed.bytes, packed.packing, text.size() + 1), Error);
    CHECK_THROWS_AS(codec.decompress(packed.bytes, packed.packing, text.size() - 1), Error);
    CHECK_THROWS_AS(codec.decompress(packed.bytes.substr(0, packed.bytes.size() / 2), packed.packing, text.size()),
                    Error);
    CHECK_THROWS_AS(codec.decompress("{}", DocumentCodec::Packing::raw, 3), Error);
}

TEST_CASE("the store trains a dictionary once it holds enough documents and keeps every text", "[stored_document]") {
    DocumentStore store;
    std::vector<std::string> texts;
    std::mt19937 rng(5);
    const std::size_t count = DocumentStore::kTrainAt[0] + 10;
    for (std::size_t i = 0; i < count; ++i) {
        std::string text = R"({"id":")" + std::to_string(i) + R"(","abstract":")";
        for (int w = 0; w < 60; ++w)
            text += std::vector<std::string>{"the ", "cells ", "of ", "protein ", "expression ", "in ", "mice "}[rng() % 7];
        texts.push_back(text + R"(","journal":"Nature Medicine"})");
        CHECK(store.has_dictionary() == (i >= DocumentStore::kTrainAt[0]));
        store.add(static_cast<DocOrdinal>(i), std::to_string(i), StrippedDocument{texts.back(), {}});
    }
    for (std::size_t i = 0; i < count; ++i) CHECK(store.text(static_cast<DocOrdinal>(i)) == texts[i]);
    std::string answer = "[";
    store.append_text(3, answer);
    store.append_text(DocumentStore::kTrainAt[0] + 5, answer);
    CHECK(answer == "[" + texts[3] + texts[DocumentStore::kTrainAt[0] + 5]);
    std::size_t raw = 0;
    for (const auto& t : texts) raw += t.size();
    CHECK(store.text_bytes() == raw);
    CHECK(store.packed_bytes() < raw / 2);
}
