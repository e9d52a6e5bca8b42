#include <catch2/catch.hpp>

#include "token_helpers.hpp"

using namespace braid::analyzers;
using namespace braid::analyzers::test;
using Strings = std::vector<std::string>;

namespace {

std::vector<Token> normalize(std::string_view text, bool persian = false) {
    return analyze(chain("whitespace", {filter(persian ? "persian_normalization" : "arabic_normalization")}), text);
}

}  // namespace

TEST_CASE("arabic_normalization folds alef forms, dotless yeh and teh marbuta") {
    // أحمد إسلام آمن -> احمد اسلام امن; مدرسة -> مدرسه; على -> علي
    CHECK(texts(normalize("أحمد إسلام آمن مدرسة على")) ==
          Strings{"احمد", "اسلام", "امن", "مدرسه", "علي"});
}

TEST_CASE("arabic_normalization removes tatweel and harakat, dropping tokens left empty") {
    // كـتـاب (tatweel) and كِتَابٌ (kasra, fatha, dammatan) both become كتاب.
    const auto tokens = normalize("كـــتـاب كِتَابٌ \u0640\u064E كتاب");
    CHECK(texts(tokens) == Strings{"كتاب", "كتاب", "كتاب"});
    CHECK(positions(tokens) == std::vector<std::uint32_t>{0, 1, 3});
    CHECK(tokens[0].start == 0);
    for (const auto& t : tokens) CHECK(is_valid_utf8(t.text));
}

TEST_CASE("arabic_normalization leaves other scripts and Persian letters alone") {
    CHECK(texts(normalize("hello Straße یک")) == Strings{"hello", "Straße", "یک"});
}

TEST_CASE("persian_normalization adds the Persian letters and the zero-width non-joiner") {
    // farsi yeh, keheh, heh goal, yeh barree and hamza above; ZWNJ joins می‌خواهم.
    CHECK(texts(normalize("یک کتاب ہ ے خانۀ می\u200Cخواهم", true)) ==
          Strings{"يك", "كتاب", "ه", "ي", "خانه", "ميخواهم"});
    // The Arabic rules apply too.
    CHECK(texts(normalize("أحمد مدرسة", true)) == Strings{"احمد", "مدرسه"});
}

TEST_CASE("arabic_normalization keeps ill-formed bytes without crashing") {
    const std::string bad = std::string("\xD8") + "\xA3" + "\xD9" + "x";
    const auto tokens = normalize(bad);
    REQUIRE(tokens.size() == 1);
    for (const auto& t : tokens) CHECK(is_valid_utf8(t.text));
}
