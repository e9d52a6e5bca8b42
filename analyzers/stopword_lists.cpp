#include "analyzers/stopword_lists.hpp"

#include <vector>

namespace braid::analyzers {
namespace {

std::vector<detail::StopwordListSource> all_sources() {
    std::vector<detail::StopwordListSource> out(detail::kStopwordListSources,
                                                detail::kStopwordListSources + detail::kStopwordListSourceCount);
    out.insert(out.end(), detail::kMoreStopwordListSources,
               detail::kMoreStopwordListSources + detail::kMoreStopwordListSourceCount);
    return out;
}

const std::vector<detail::StopwordListSource>& sources() {
    static const std::vector<detail::StopwordListSource> all = all_sources();
    return all;
}

}  // namespace

std::vector<std::string> builtin_stopwords(std::string_view language) {
    std::vector<std::string> words;
    for (const auto& source : sources()) {
        if (language != source.language) continue;
        std::string_view rest = source.words;
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            words.emplace_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
    }
    return words;
}

bool has_builtin_stopwords(std::string_view language) {
    for (const auto& source : sources()) {
        if (language == source.language) return true;
    }
    return false;
}

std::vector<std::string> builtin_stopword_languages() {
    std::vector<std::string> languages;
    for (const auto& source : sources()) languages.emplace_back(source.language);
    return languages;
}

}  // namespace braid::analyzers
