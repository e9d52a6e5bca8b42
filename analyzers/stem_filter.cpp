#include "analyzers/stem_filter.hpp"

#include <climits>
#include <memory>
#include <string_view>
#include <unordered_map>

#include <libstemmer.h>

#include "analyzers/name_list.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using StemmerHandle = std::unique_ptr<sb_stemmer, StemmerDeleter>;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Word frequencies are skewed, so most tokens were stemmed moments ago: a bounded memo of
// recent stems per thread and algorithm skips most Snowball runs.
constexpr std::size_t kMemoCapacity = 1u << 15;
constexpr std::size_t kMemoMaxWordBytes = 64;

struct ThreadStemmer {
    StemmerHandle stemmer;
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> memo;
};

std::size_t algorithm_count() {
    std::size_t count = 0;
    for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) ++count;
    return count;
}

// This thread's stemmer for algorithm `index`. Keyed by algorithm, not by filter: a stemmer only
// carries scratch state between calls, so every filter of one algorithm on one thread can share
// it, and the cache stays bounded however many filters come and go.
ThreadStemmer& thread_stemmer(std::size_t index) {
    thread_local std::vector<ThreadStemmer> stemmers(algorithm_count());
    ThreadStemmer& slot = stemmers[index];
    if (!slot.stemmer) {
        slot.stemmer.reset(sb_stemmer_new(sb_stemmer_list()[index], "UTF_8"));
        if (!slot.stemmer) {
            throw Error(ErrorKind::internal, "stemmer_error",
                        std::string("cannot create the Snowball stemmer \"") + sb_stemmer_list()[index] + "\"");
        }
    }
    return slot;
}

// The stem of `word`; empty when Snowball leaves nothing (the caller keeps the word then).
std::string_view snowball_stem(sb_stemmer& stemmer, const std::string& word) {
    const sb_symbol* stem =
        sb_stemmer_stem(&stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stem == nullptr) {
        throw Error(ErrorKind::internal, "stemmer_error", "the Snowball stemmer ran out of memory");
    }
    return {reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(&stemmer))};
}

}  // namespace

std::vector<std::string> stemmer_languages() {
    std::vector<std::string> names;
    for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) names.emplace_back(*name);
    return names;
}

StemFilter::StemFilter(const std::string& language) : language_(language), algorithm_(0) {
    const std::vector<std::string> names = stemmer_languages();
    for (; algorithm_ < names.size(); ++algorithm_) {
        if (names[algorithm_] == language) return;
    }
    throw Error(ErrorKind::invalid_argument, "invalid_analyzer",
                "unknown stemmer language \"" + language + "\" (available: " + join_names(names) + ")");
}

void StemFilter::apply(std::vector<Token>& tokens) const {
    ThreadStemmer& stemmer = thread_stemmer(algorithm_);
    for (Token& token : tokens) {
        if (token.text.size() > static_cast<std::size_t>(INT_MAX)) continue;
        const bool memoize = token.text.size() <= kMemoMaxWordBytes;
        if (memoize) {
            if (const auto found = stemmer.memo.find(std::string_view(token.text)); found != stemmer.memo.end()) {
                token.text = found->second;
                continue;
            }
        }
        std::string_view stem = snowball_stem(*stemmer.stemmer, token.text);
        if (stem.empty()) stem = token.text;
        if (memoize) {
            if (stemmer.memo.size() >= kMemoCapacity) stemmer.memo.clear();
            stemmer.memo.emplace(token.text, stem);
        }
        token.text.assign(stem.data(), stem.size());
    }
}

}  // namespace braid::analyzers
