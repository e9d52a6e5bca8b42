#include "lexical/corpus_statistics.hpp"

namespace braid::lexical {

void CorpusStatistics::add(const CorpusStatistics& other) {
    for (const auto& [name, theirs] : other.fields) {
        FieldStatistics& mine = fields[name];
        mine.documents += theirs.documents;
        mine.total_length += theirs.total_length;
        for (const auto& [term, df] : theirs.df) mine.df[term] += df;
    }
}

std::uint64_t CorpusStatistics::df(const std::string& field, const std::string& term) const {
    const auto f = fields.find(field);
    if (f == fields.end()) return 0;
    const auto t = f->second.df.find(term);
    return t == f->second.df.end() ? 0 : t->second;
}

}  // namespace braid::lexical
