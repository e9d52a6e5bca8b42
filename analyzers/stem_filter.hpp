#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "analyzers/token_filter.hpp"

namespace braid::analyzers {

// Snowball stemming (libstemmer) of every token, for any algorithm of sb_stemmer_list().
// libstemmer's stemmers keep scratch state, so each thread lazily creates its own, one per
// algorithm (shared by every filter of that algorithm on the thread, so the cache stays bounded
// however many filters come and go), with a bounded memo of recent stems; no lock is taken.
class StemFilter final : public TokenFilter {
public:
    // Throws braid::Error(invalid_argument) listing the algorithms that exist.
    explicit StemFilter(const std::string& language);
    void apply(std::vector<Token>& tokens) const override;

    const std::string& language() const { return language_; }

private:
    std::string language_;
    std::size_t algorithm_;  // index into sb_stemmer_list()
};

// The Snowball algorithm names libstemmer offers ("arabic", ..., "english", "porter", ...).
std::vector<std::string> stemmer_languages();

}  // namespace braid::analyzers
