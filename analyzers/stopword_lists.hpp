#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace braid::analyzers {

// The stopwords of a built-in list ("english", "german", ...), lowercase; empty when unknown.
std::vector<std::string> builtin_stopwords(std::string_view language);
bool has_builtin_stopwords(std::string_view language);
std::vector<std::string> builtin_stopword_languages();

namespace detail {
struct StopwordListSource {
    const char* language;
    const char* words;  // separated by single spaces
};
extern const StopwordListSource kStopwordListSources[];
extern const std::size_t kStopwordListSourceCount;
// Lucene's lists and the hand-written ones (stopword_data_more.cpp).
extern const StopwordListSource kMoreStopwordListSources[];
extern const std::size_t kMoreStopwordListSourceCount;
}  // namespace detail

}  // namespace braid::analyzers
