#include "analyzers/stem_filter.hpp"

#include <climits>
#include <memory>

#include <libstemmer.h>

#include "analyzers/name_list.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using StemmerHandle = std::unique_ptr<sb_stemmer, StemmerDeleter>;

std::size_t algorithm_count() {
    std::size_t count = 0;
    for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) ++count;
    return count;
}

// This thread's stemmer for algorithm `index`. Keyed by algorithm, not by filter: a stemmer only
// carries scratch state between calls, so every filter of one algorithm on one thread can share
// it, and the cache stays bounded however many filters come and go.
sb_stemmer& thread_stemmer(std::size_t index) {
    thread_local std::vector<StemmerHandle> stemmers(algorithm_count());
    StemmerHandle& slot = stemmers[index];
    if (!slot) {
        slot.reset(sb_stemmer_new(sb_stemmer_list()[index], "UTF_8"));
        if (!slot) {
            throw Error(ErrorKind::internal, "stemmer_error",
                        std::string("cannot create the Snowball stemmer \"") + sb_stemmer_list()[index] + "\"");
        }
    }
    return *slot;
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
    sb_stemmer& stemmer = thread_stemmer(algorithm_);
    for (Token& token : tokens) {
        if (token.text.size() > static_cast<std::size_t>(INT_MAX)) continue;
        const sb_symbol* stem = sb_stemmer_stem(
            &stemmer, reinterpret_cast<const sb_symbol*>(token.text.data()), static_cast<int>(token.text.size()));
        if (stem == nullptr) {
            throw Error(ErrorKind::internal, "stemmer_error", "the Snowball stemmer ran out of memory");
        }
        const auto length = static_cast<std::size_t>(sb_stemmer_length(&stemmer));
        if (length > 0) token.text.assign(reinterpret_cast<const char*>(stem), length);
    }
}

}  // namespace braid::analyzers
