#include "lexical/highlighter.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "lexical/term_expansion.hpp"

namespace braid::lexical {

namespace {

[[noreturn]] void invalid(const std::string& member, const std::string& what) {
    const std::string path = "highlight." + member;
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + what, path);
}

void check_range(std::size_t given, std::size_t min, std::size_t max, const std::string& member) {
    if (given < min || given > max)
        invalid(member, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                            std::to_string(given));
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Moves `at` back to the first byte of the UTF-8 character it falls in.
std::size_t char_start(std::string_view text, std::size_t at) {
    while (at > 0 && at < text.size() && is_continuation(static_cast<unsigned char>(text[at]))) --at;
    return at;
}

// True when a sentence starts at `at`: after ". ", "! ", "? " (any run of whitespace) or a line break.
bool sentence_starts_at(std::string_view text, std::size_t at) {
    if (at == 0) return true;
    if (at >= text.size() || is_space(text[at])) return false;
    std::size_t i = at;
    bool newline = false;
    while (i > 0 && is_space(text[i - 1])) newline |= text[--i] == '\n';
    if (i == at) return false;
    if (newline || i == 0) return true;
    const char c = text[i - 1];
    return c == '.' || c == '!' || c == '?';
}

bool word_starts_at(std::string_view text, std::size_t at) {
    return at == 0 || (at < text.size() && !is_space(text[at]) && is_space(text[at - 1]));
}

void append_escaped(std::string& out, std::string_view part, bool html) {
    if (!html) {
        out += part;
        return;
    }
    for (const char c : part) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#x27;"; break;
            default: out += c;
        }
    }
}

float clause_weight(const QueryClause& clause) {
    if (clause.kind == ClauseKind::phrase && !clause.forms.empty())
        return static_cast<float>(clause.forms.front().terms.size());
    return 1.0f;
}

// The fragment [begin, end) around the span [start, end): a window of `size` bytes centered on
// it, its start moved to the first sentence start before the match (else the first word start),
// its end back to the last sentence end after the match (else the last word end); UTF-8 safe.
std::pair<std::size_t, std::size_t> window_around(std::string_view text, std::size_t start, std::size_t stop,
                                                  std::size_t size) {
    const std::size_t n = text.size();
    const std::size_t span = stop - start;
    if (span >= size || n <= size) return span >= size ? std::pair{start, stop} : std::pair{std::size_t{0}, n};
    const std::size_t slack = size - span;
    std::size_t begin = start > slack / 2 ? start - slack / 2 : 0;
    if (begin + size > n) begin = n - size;
    // A sentence start between begin and the match, preferring the earliest.
    std::size_t chosen = begin;
    bool found = false;
    for (std::size_t i = begin; i <= start && !found; ++i)
        if (sentence_starts_at(text, i)) chosen = i, found = true;
    if (!found)
        for (std::size_t i = begin; i <= start && !found; ++i)
            if (word_starts_at(text, i)) chosen = i, found = true;
    begin = found ? chosen : char_start(text, begin);
    std::size_t end = std::min(n, begin + size);
    if (end < n) {
        // The last sentence end after the match, else the last word end.
        for (std::size_t e = end; e > stop; --e) {
            const char c = text[e - 1];
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && (e == n || is_space(text[e]))) {
                while (e > begin && is_space(text[e - 1])) --e;
                return {begin, e};
            }
        }
        std::size_t e = end;
        while (e > stop && !(is_space(text[e]) && !is_space(text[e - 1]))) --e;
        end = e > stop ? e : char_start(text, end);
        if (end < stop) end = stop;
    }
    while (end > begin && is_space(text[end - 1])) --end;
    return {begin, end};
}

struct Candidate {
    std::size_t begin = 0, end = 0;
    float score = 0;
};


// The word-level tests of a query's clauses (term, prefix, fuzzy, the one-word forms of a synonym
// rule): which clause first accepts a word. Phrases (and several-word synonym forms) match
// occurrences, not words: mark_phrases.
class WordClauses {
public:
    explicit WordClauses(const HighlightQuery& query) : query_(query), fuzzy_terms_(query.clauses.size()) {
        for (std::size_t c = 0; c < query.clauses.size(); ++c) {
            const QueryClause& clause = query.clauses[c];
            if (!searched(clause)) continue;
            if (clause.kind == ClauseKind::fuzzy) fuzzy_terms_[c] = code_points(clause.forms.front().terms.front());
            const auto add_phrase_terms = [&](const FieldForm& form) {
                for (const auto& t : form.terms) phrase_terms_.insert(t);
            };
            if (clause.kind == ClauseKind::phrase) add_phrase_terms(clause.forms.front());
            if (clause.kind == ClauseKind::synonyms)
                for (const FieldForm& alternative : clause.forms)
                    if (alternative.terms.size() > 1) add_phrase_terms(alternative);
        }
    }

    // Whether the highlighter looks at the clause at all.
    static bool searched(const QueryClause& clause) {
        return clause.occur != Occur::must_not && !clause.forms.empty() && !clause.forms.front().terms.empty();
    }

    // The first clause whose word-level test accepts `word`; SIZE_MAX when none does.
    std::size_t first(std::string_view word) const {
        std::optional<std::u32string> word_points;  // computed once, for fuzzy clauses only
        for (std::size_t c = 0; c < query_.clauses.size(); ++c) {
            const QueryClause& clause = query_.clauses[c];
            if (!searched(clause)) continue;
            const FieldForm& form = clause.forms.front();
            switch (clause.kind) {
                case ClauseKind::term:
                    if (word == form.terms.front()) return c;
                    break;
                case ClauseKind::prefix:
                    if (word.starts_with(form.terms.front())) return c;
                    break;
                case ClauseKind::fuzzy: {
                    const std::u32string& term = fuzzy_terms_[c];
                    if (!word_points) word_points = code_points(word);
                    const std::size_t keep = std::min(query_.prefix_length, term.size());
                    if (word_points->size() < keep || word_points->compare(0, keep, term, 0, keep) != 0) break;
                    if (damerau_levenshtein(*word_points, term, clause.edits) <= clause.edits) return c;
                    break;
                }
                case ClauseKind::phrase: break;
                case ClauseKind::synonyms:
                    for (const FieldForm& alternative : clause.forms)
                        if (alternative.terms.size() == 1 && word == alternative.terms.front()) return c;
                    break;
            }
        }
        return SIZE_MAX;
    }

    // Whether `word` is a term of some phrase (so its tokens may be part of an occurrence).
    bool phrase_term(std::string_view word) const { return phrase_terms_.contains(word); }
    bool has_phrases() const { return !phrase_terms_.empty(); }

private:
    const HighlightQuery& query_;
    std::vector<std::u32string> fuzzy_terms_;  // per clause: a fuzzy clause's term in code points
    std::unordered_set<std::string_view> phrase_terms_;
};

// Lowers owner[t] to c for the tokens of each occurrence of every phrase (a phrase clause, or a
// several-word form of a synonym rule, slop 0): each later term within slop positions of where
// the exact phrase puts it, the nearest (then the earliest) taken.
void mark_phrases(const std::vector<analyzers::Token>& tokens, const HighlightQuery& query, std::vector<std::size_t>& owner) {
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_text;
    for (std::size_t i = 0; i < tokens.size(); ++i) by_text[tokens[i].text].push_back(i);
    const auto mark = [&](std::size_t token, std::size_t clause) { owner[token] = std::min(owner[token], clause); };
    const auto mark_phrase = [&](const FieldForm& form, std::uint32_t slop, std::size_t c) {
        auto first = by_text.find(form.terms.front());
        if (first == by_text.end()) return;
        for (const std::size_t t0 : first->second) {
            std::vector<std::size_t> occurrence{t0};
            for (std::size_t j = 1; j < form.terms.size(); ++j) {
                const auto it = by_text.find(form.terms[j]);
                if (it == by_text.end()) break;
                const std::int64_t offset = j < form.positions.size() ? form.positions[j] : static_cast<std::int64_t>(j);
                const std::int64_t target = static_cast<std::int64_t>(tokens[t0].position) + offset;
                std::size_t best = SIZE_MAX;
                std::int64_t best_distance = static_cast<std::int64_t>(slop) + 1;
                for (const std::size_t t : it->second) {
                    if (std::find(occurrence.begin(), occurrence.end(), t) != occurrence.end()) continue;
                    const std::int64_t d = std::abs(static_cast<std::int64_t>(tokens[t].position) - target);
                    if (d < best_distance) best = t, best_distance = d;
                }
                if (best == SIZE_MAX) break;
                occurrence.push_back(best);
            }
            if (occurrence.size() == form.terms.size())
                for (const std::size_t t : occurrence) mark(t, c);
        }
    };
    for (std::size_t c = 0; c < query.clauses.size(); ++c) {
        const QueryClause& clause = query.clauses[c];
        if (!WordClauses::searched(clause)) continue;
        if (clause.kind == ClauseKind::phrase) mark_phrase(clause.forms.front(), clause.slop, c);
        if (clause.kind == ClauseKind::synonyms)
            for (const FieldForm& alternative : clause.forms)
                if (alternative.terms.size() > 1) mark_phrase(alternative, 0, c);
    }
}

// The matched tokens (owner set) as spans sorted by start; a token sharing bytes with an earlier
// one (several analyzed forms of one word) is left out.
template <class Tokens>
std::vector<MatchedSpan> disjoint_spans(const Tokens& tokens, const std::vector<std::size_t>& owner) {
    std::vector<MatchedSpan> spans;
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (owner[i] != SIZE_MAX) spans.push_back({tokens[i].start, tokens[i].end, owner[i]});
    std::sort(spans.begin(), spans.end(), [](const MatchedSpan& a, const MatchedSpan& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::vector<MatchedSpan> disjoint;
    for (const auto& s : spans)
        if (disjoint.empty() || s.start >= disjoint.back().end) disjoint.push_back(s);
    return disjoint;
}

}  // namespace

void check(const HighlightOptions& options) {
    check_range(options.fragment_size, HighlightOptions::kMinFragmentSize, HighlightOptions::kMaxFragmentSize,
                "fragment_size");
    check_range(options.fragments, 1, HighlightOptions::kMaxFragments, "fragments");
    check_range(options.no_match_size, 0, HighlightOptions::kMaxNoMatchSize, "no_match_size");
    if (options.pre.size() > HighlightOptions::kMaxTagBytes)
        invalid("pre", "at most " + std::to_string(HighlightOptions::kMaxTagBytes) + " bytes");
    if (options.post.size() > HighlightOptions::kMaxTagBytes)
        invalid("post", "at most " + std::to_string(HighlightOptions::kMaxTagBytes) + " bytes");
}

std::vector<MatchedSpan> match_spans(const std::vector<analyzers::Token>& tokens, const HighlightQuery& query) {
    const WordClauses words(query);
    std::vector<std::size_t> owner(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) owner[i] = words.first(tokens[i].text);
    mark_phrases(tokens, query, owner);
    return disjoint_spans(tokens, owner);
}

std::vector<std::string> highlight_fragments(std::string_view text, const std::vector<MatchedSpan>& spans,
                                             const HighlightQuery& query, const HighlightOptions& options) {
    std::vector<std::string> out;
    if (spans.empty()) {
        if (options.no_match_size == 0 || text.empty()) return out;
        std::size_t end = std::min(text.size(), options.no_match_size);
        if (end < text.size()) {
            std::size_t e = end;
            while (e > 0 && !(is_space(text[e]) && !is_space(text[e - 1]))) --e;
            end = e > 0 ? e : char_start(text, end);
        }
        while (end > 0 && is_space(text[end - 1])) --end;
        std::string fragment;
        append_escaped(fragment, text.substr(0, end), options.html);
        if (!fragment.empty()) out.push_back(std::move(fragment));
        return out;
    }
    std::vector<Candidate> candidates;
    candidates.reserve(spans.size());
    std::vector<float> weights(query.clauses.size());
    for (std::size_t c = 0; c < query.clauses.size(); ++c) weights[c] = clause_weight(query.clauses[c]);
    std::vector<char> seen(query.clauses.size());
    std::size_t lo = 0;
    for (const MatchedSpan& seed : spans) {
        const auto [begin, end] = window_around(text, seed.start, seed.end, options.fragment_size);
        while (lo < spans.size() && spans[lo].start < begin) ++lo;
        Candidate candidate{begin, end, 0};
        std::fill(seen.begin(), seen.end(), 0);
        for (std::size_t i = lo; i < spans.size() && spans[i].end <= end; ++i) {
            if (seen[spans[i].clause]) candidate.score += 0.1f;
            else candidate.score += weights[spans[i].clause], seen[spans[i].clause] = 1;
        }
        if (!candidates.empty() && candidates.back().begin == begin && candidates.back().end == end) continue;
        candidates.push_back(candidate);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<Candidate> chosen;
    for (const Candidate& c : candidates) {
        if (chosen.size() == options.fragments) break;
        const bool overlaps = std::any_of(chosen.begin(), chosen.end(),
                                          [&](const Candidate& o) { return c.begin < o.end && o.begin < c.end; });
        if (!overlaps) chosen.push_back(c);
    }
    for (const Candidate& c : chosen) {
        std::string fragment;
        std::size_t at = c.begin;
        const auto first = std::lower_bound(spans.begin(), spans.end(), c.begin,
                                            [](const MatchedSpan& s, std::size_t v) { return s.start < v; });
        for (auto it = first; it != spans.end() && it->end <= c.end; ++it) {
            append_escaped(fragment, text.substr(at, it->start - at), options.html);
            fragment += options.pre;
            append_escaped(fragment, text.substr(it->start, it->end - it->start), options.html);
            fragment += options.post;
            at = it->end;
        }
        append_escaped(fragment, text.substr(at, c.end - at), options.html);
        out.push_back(std::move(fragment));
    }
    return out;
}

std::vector<std::string> highlight_text(std::string_view text, const analyzers::Analyzer& analyzer,
                                        const HighlightQuery& query, const HighlightOptions& options) {
    const auto tokens = analyzer.analyze(text);
    return highlight_fragments(text, match_spans(tokens, query), query, options);
}

namespace {

// What the filters of one analyzer make of the words its tokenizer gives, per thread. Keyed by
// the analyzer's control block (a weak_ptr keeps it, so no other analyzer can take its address);
// a few analyzers per thread, each memo bounded.
class FilteredWords {
public:
    static FilteredWords& of(const std::shared_ptr<const analyzers::Analyzer>& analyzer) {
        constexpr std::size_t kSlots = 4;
        thread_local std::vector<FilteredWords> slots(kSlots);
        thread_local std::size_t next = 0;
        for (auto& slot : slots)
            if (!slot.owner_.expired() && !slot.owner_.owner_before(analyzer) && !analyzer.owner_before(slot.owner_))
                return slot;
        FilteredWords& slot = slots[next++ % kSlots];
        slot.owner_ = analyzer;
        slot.analyzer_ = analyzer.get();
        slot.words_.clear();
        return slot;
    }

    // One form the filters leave of a word, with what the clauses of the highlighter stamped on
    // it last make of it.
    struct Form {
        std::string text;
        std::uint64_t stamp = 0;        // the highlighter that matched it; 0: none yet
        std::size_t clause = SIZE_MAX;  // WordClauses::first
        bool phrase_term = false;
    };

    // The forms the filters leave of `word` (usually one; none when dropped). The reference lives
    // until the next call.
    std::vector<Form>& forms(const analyzers::Token& word) {
        if (const auto found = words_.find(std::string_view(word.text)); found != words_.end()) return found->second;
        if (words_.size() >= kCapacity) words_.clear();
        scratch_.assign(1, word);
        analyzer_->filter(scratch_);
        std::vector<Form> out;
        for (auto& t : scratch_) out.push_back(Form{std::move(t.text)});
        return words_.emplace(word.text, std::move(out)).first->second;
    }

private:
    static constexpr std::size_t kCapacity = 1U << 14;  // words per analyzer and thread
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    std::weak_ptr<const analyzers::Analyzer> owner_;
    const analyzers::Analyzer* analyzer_ = nullptr;
    std::unordered_map<std::string, std::vector<Form>, StringHash, std::equal_to<>> words_;
    std::vector<analyzers::Token> scratch_;
};

}  // namespace

struct Highlighter::Clauses {
    explicit Clauses(const HighlightQuery& query) : words(query) {}

    // Sets the form's match under these clauses unless it carries it already.
    void match(FilteredWords::Form& form) const {
        if (form.stamp == stamp) return;
        form.clause = words.first(form.text);
        form.phrase_term = words.has_phrases() && words.phrase_term(form.text);
        form.stamp = stamp;
    }

    WordClauses words;
    // Unique per highlighter, so a word's match is computed once per request.
    const std::uint64_t stamp = next_stamp.fetch_add(1, std::memory_order_relaxed);
    static inline std::atomic<std::uint64_t> next_stamp{1};
};

Highlighter::Highlighter(std::shared_ptr<const analyzers::Analyzer> analyzer, HighlightQuery query)
    : analyzer_(std::move(analyzer)), query_(std::move(query)), clauses_(std::make_unique<Clauses>(query_)) {}
Highlighter::~Highlighter() = default;
Highlighter::Highlighter(Highlighter&&) noexcept = default;
Highlighter& Highlighter::operator=(Highlighter&&) noexcept = default;

std::vector<MatchedSpan> Highlighter::spans(std::string_view text) {
    const std::vector<analyzers::Token> raw = analyzer_->tokenize(text);
    FilteredWords& filtered = FilteredWords::of(analyzer_);
    // The analyzed tokens that match a word-level clause or may be part of a phrase, in text order.
    std::vector<analyzers::Token> tokens;
    std::vector<std::size_t> owner;
    std::vector<analyzers::Token> phrase_tokens;  // candidates for mark_phrases
    std::vector<std::size_t> phrase_index;        // per entry of `tokens`: its index in phrase_tokens, or SIZE_MAX
    for (const analyzers::Token& token : raw) {
        for (FilteredWords::Form& form : filtered.forms(token)) {
            clauses_->match(form);
            if (form.clause == SIZE_MAX && !form.phrase_term) continue;
            tokens.push_back(analyzers::Token{{}, token.position, token.start, token.end});
            owner.push_back(form.clause);
            phrase_index.push_back(form.phrase_term ? phrase_tokens.size() : SIZE_MAX);
            if (form.phrase_term) phrase_tokens.push_back(analyzers::Token{form.text, token.position, token.start, token.end});
        }
    }
    if (!phrase_tokens.empty()) {
        std::vector<std::size_t> phrase_owner(phrase_tokens.size(), SIZE_MAX);
        mark_phrases(phrase_tokens, query_, phrase_owner);
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (phrase_index[i] != SIZE_MAX) owner[i] = std::min(owner[i], phrase_owner[phrase_index[i]]);
    }
    return disjoint_spans(tokens, owner);
}

std::vector<std::string> Highlighter::fragments(std::string_view text, const HighlightOptions& options) {
    return highlight_fragments(text, spans(text), query_, options);
}

}  // namespace braid::lexical
