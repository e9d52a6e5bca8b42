#include "analyzers/stop_filter.hpp"

#include "analyzers/name_list.hpp"
#include "analyzers/stopword_lists.hpp"
#include "core/error.hpp"

namespace braid::analyzers {

StopFilter::StopFilter(const std::vector<std::string>& words) : words_(words.begin(), words.end()) {}

StopFilter StopFilter::builtin(const std::string& language) {
    if (!has_builtin_stopwords(language)) {
        throw Error(ErrorKind::invalid_argument, "invalid_analyzer",
                    "unknown stopword list \"" + language + "\" (built-in lists: " +
                        join_names(builtin_stopword_languages()) + "; or give the words as an array)");
    }
    return StopFilter(builtin_stopwords(language));
}

void StopFilter::apply(std::vector<Token>& tokens) const {
    if (words_.empty()) return;
    std::erase_if(tokens, [this](const Token& token) { return words_.contains(token.text); });
}

}  // namespace braid::analyzers
