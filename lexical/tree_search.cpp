// LexicalIndex::search / explain for TreeQuery: every clause's matches are gathered from the
// postings (term, phrase, prefix and fuzzy expansions per field), then combined document by
// document under the boolean rules of TreeQuery. Exhaustive: no pruning.
#include <algorithm>
#include <optional>

#include "core/error.hpp"
#include "core/top_k.hpp"
#include "lexical/bm25_scorer.hpp"
#include "lexical/lexical_index_impl.hpp"
#include "lexical/phrase_frequency.hpp"
#include "lexical/term_expansion.hpp"

namespace braid::lexical {

namespace {

// Matches of one clause (or group), ascending by ordinal.
struct Hits {
    std::vector<DocOrdinal> docs;
    std::vector<float> scores;
    void add(DocOrdinal d, float s) {
        docs.push_back(d);
        scores.push_back(s);
    }
};

// Where explanations go when explaining one document.
struct ExplainSink {
    DocOrdinal doc = kNoDoc;
    std::vector<TermExplanation>* out = nullptr;
};

// BM25 with a fractional frequency (phrases), the arithmetic of Bm25TermScorer.
float bm25_part(const Bm25Params& p, float weight, float freq, std::uint32_t dl, float avgdl) {
    const float norm = p.k1 * ((1.0f - p.b) + (p.b / avgdl) * static_cast<float>(dl));
    return weight * (freq / (freq + norm));
}

// Sums lists (each ascending) into one, per document in list order.
Hits merge(const std::vector<Hits>& lists) {
    std::vector<std::size_t> at(lists.size(), 0);
    Hits out;
    while (true) {
        DocOrdinal next = kNoDoc;
        for (std::size_t i = 0; i < lists.size(); ++i)
            if (at[i] < lists[i].docs.size()) next = std::min(next, lists[i].docs[at[i]]);
        if (next == kNoDoc) return out;
        float s = 0;
        for (std::size_t i = 0; i < lists.size(); ++i)
            if (at[i] < lists[i].docs.size() && lists[i].docs[at[i]] == next) s += lists[i].scores[at[i]++];
        out.add(next, s);
    }
}

class TreeEvaluator {
public:
    TreeEvaluator(const LexicalIndex::Impl& s, const TreeQuery& q) : s_(s), q_(q) {
        for (const auto& f : q.fields) {
            const std::size_t slot = s.field_slot(f.field);
            if (slot == static_cast<std::size_t>(-1))
                throw Error(ErrorKind::invalid_argument, "unknown_field",
                            "'" + f.field + "' is not a text field of this collection", "fields." + f.field);
            check_boost(f.field, f.boost);
            slots_.push_back(slot);
        }
    }

    // only: restrict to one document (explain); sink: its explanations.
    Hits clause(const QueryClause& c, std::optional<DocOrdinal> only, const ExplainSink& sink) const {
        std::vector<Hits> per_field;
        for (const auto& form : c.forms) {
            switch (c.kind) {
                case ClauseKind::term: per_field.push_back(term(c, form, only, sink)); break;
                case ClauseKind::phrase: per_field.push_back(phrase(c, form, only, sink)); break;
                case ClauseKind::prefix:
                case ClauseKind::fuzzy: per_field.push_back(expanded(c, form, only, sink)); break;
                case ClauseKind::synonyms:
                    per_field.push_back(form.terms.size() == 1 ? term(c, form, only, sink) : phrase(c, form, only, sink));
                    break;
            }
        }
        return merge(per_field);
    }

    // Documents matching a group, with their scores; `required`: should clauses needed.
    static Hits combine(const std::vector<QueryClause>& clauses, const std::vector<Hits>& hits, std::size_t required) {
        bool has_must = false;
        std::size_t should = 0;
        for (const auto& c : clauses) {
            has_must = has_must || c.occur == Occur::must;
            should += c.occur == Occur::should ? 1 : 0;
        }
        if (!has_must) required = std::max<std::size_t>(required, 1);
        Hits out;
        if (required > should) return out;
        std::vector<DocOrdinal> candidates;
        for (std::size_t i = 0; i < clauses.size(); ++i)
            if (clauses[i].occur != Occur::must_not) candidates.insert(candidates.end(), hits[i].docs.begin(), hits[i].docs.end());
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        std::vector<std::size_t> at(clauses.size(), 0);
        for (DocOrdinal d : candidates) {
            bool ok = true;
            std::size_t matched_should = 0;
            float score = 0;
            for (std::size_t i = 0; i < clauses.size(); ++i) {
                const auto& h = hits[i];
                while (at[i] < h.docs.size() && h.docs[at[i]] < d) ++at[i];
                const bool present = at[i] < h.docs.size() && h.docs[at[i]] == d;
                switch (clauses[i].occur) {
                    case Occur::must: ok = ok && present; break;
                    case Occur::must_not: ok = ok && !present; break;
                    case Occur::should: matched_should += present ? 1 : 0; break;
                }
                if (present && clauses[i].occur != Occur::must_not) score += h.scores[at[i]];
            }
            if (ok && matched_should >= required) out.add(d, score);
        }
        return out;
    }

    // Every alternative evaluated, then combined (one group: that group).
    Hits evaluate(std::optional<DocOrdinal> only, std::vector<TermExplanation>* explain) const {
        const auto& groups = q_.alternatives;
        std::vector<Hits> group_hits;
        std::vector<std::vector<TermExplanation>> group_explain(groups.size());
        for (std::size_t g = 0; g < groups.size(); ++g) {
            std::vector<Hits> hits;
            std::vector<std::vector<TermExplanation>> clause_explain(groups[g].size());
            for (std::size_t i = 0; i < groups[g].size(); ++i)
                hits.push_back(clause(groups[g][i], only, ExplainSink{only.value_or(kNoDoc), explain ? &clause_explain[i] : nullptr}));
            std::size_t required = 0;
            if (groups.size() == 1 && q_.minimum_should_match) {
                std::size_t should = 0;
                for (const auto& c : groups[g]) should += c.occur == Occur::should ? 1 : 0;
                required = q_.minimum_should_match->resolve(should);
            }
            group_hits.push_back(combine(groups[g], hits, required));
            if (explain)
                for (std::size_t i = 0; i < groups[g].size(); ++i)
                    if (groups[g][i].occur != Occur::must_not)
                        group_explain[g].insert(group_explain[g].end(), clause_explain[i].begin(), clause_explain[i].end());
        }
        if (groups.size() == 1) {
            if (explain && !group_hits[0].docs.empty()) *explain = std::move(group_explain[0]);
            return std::move(group_hits[0]);
        }
        // Several alternatives: should clauses of one disjunction.
        const std::size_t required =
            std::max<std::size_t>(1, q_.minimum_should_match ? q_.minimum_should_match->resolve(groups.size()) : 1);
        std::vector<QueryClause> as_clauses(groups.size());
        Hits out = combine(as_clauses, group_hits, required);
        if (explain && !out.docs.empty())
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (!group_hits[g].docs.empty()) explain->insert(explain->end(), group_explain[g].begin(), group_explain[g].end());
        return out;
    }

private:
    FieldView field_of(const FieldForm& form) const { return s_.view(slots_[form.field]); }
    float boost_of(const FieldForm& form) const { return q_.fields[form.field].boost; }
    const std::string& name_of(const FieldForm& form) const { return q_.fields[form.field].field; }

    // Visits the postings of `list` (only `only` when set) for live documents.
    template <class Visit>
    void walk(TermCursor cursor, std::optional<DocOrdinal> only, Visit&& visit) const {
        if (only) {
            cursor.next_geq(*only);
            if (cursor.doc() == *only && s_.live.test(*only)) visit(cursor);
            return;
        }
        for (; cursor.doc() != kNoDoc; cursor.next())
            if (s_.live.test(cursor.doc())) visit(cursor);
    }

    TermExplanation entry(const QueryClause& c, const FieldForm& form, std::string term, std::uint32_t df,
                          const Bm25Explanation& e, DocOrdinal doc) const {
        // The combined field's BM25F parts.
        auto parts = field_of(form).combined() ? s_.field_parts(s_.dictionary.find(term), doc) : std::vector<FieldPart>{};
        return TermExplanation{name_of(form), std::move(term), e.tf, df, e.idf, e.field_length, e.avg_field_length,
                               e.boost, e.score, c.label, std::nullopt, std::move(parts)};
    }

    Hits term(const QueryClause& c, const FieldForm& form, std::optional<DocOrdinal> only, const ExplainSink& sink) const {
        Hits out;
        const FieldView field = field_of(form);
        const TermId id = s_.dictionary.find(form.terms[0]);
        const std::uint32_t df = field.df(id);
        auto cursor = field.cursor(id);
        if (!cursor || df == 0) return out;
        const Bm25TermScorer scorer(s_.params, boost_of(form), bm25_idf(field.doc_count(), df), field.avgdl(), field.lengths());
        walk(std::move(*cursor), only, [&](const TermCursor& cur) {
            out.add(cur.doc(), scorer.score(cur.doc(), cur.tf()));
            if (sink.out && cur.doc() == sink.doc) sink.out->push_back(entry(c, form, form.terms[0], df, scorer.explain(cur.doc(), cur.tf()), cur.doc()));
        });
        return out;
    }

    Hits phrase(const QueryClause& c, const FieldForm& form, std::optional<DocOrdinal> only, const ExplainSink& sink) const {
        Hits out;
        if (!s_.positions)
            throw Error(ErrorKind::invalid_argument, "positions_unavailable",
                        "query: phrase " + c.label + " needs term positions, which this collection's index (loaded from a "
                        "snapshot written before braid stored them) lacks; re-index the collection to search phrases", "query");
        const FieldView field = field_of(form);
        const std::size_t n = form.terms.size();
        std::vector<TermCursor> cursors;
        std::vector<std::vector<std::size_t>> part_fields(n);  // per term: the field of each cursor part
        std::vector<PhraseSlot> slots(n);
        float idf = 0;
        std::uint32_t min_df = 0xFFFFFFFFU;
        std::uint32_t spread = 0;  // the largest relative position
        for (std::size_t i = 0; i < n; ++i) {
            const TermId id = s_.dictionary.find(form.terms[i]);
            const std::uint32_t df = field.df(id);
            auto cursor = field.cursor(id);
            if (!cursor || df == 0) return out;
            cursors.push_back(std::move(*cursor));
            for (std::size_t f = 0; f < field.parts().size(); ++f)
                if (const PostingList* l = field.parts()[f].postings(id); l != nullptr && !l->empty()) part_fields[i].push_back(f);
            idf += bm25_idf(field.doc_count(), df);  // Lucene: the phrase's idf is the sum of its terms'
            min_df = std::min(min_df, df);
            slots[i].relative = form.positions[i];
            spread = std::max(spread, form.positions[i]);
            slots[i].same_term = i;
            for (std::size_t j = 0; j < i; ++j)
                if (form.terms[j] == form.terms[i]) {
                    slots[i].same_term = j;
                    break;
                }
        }
        // The combined field lays each field's positions after the previous field's last token
        // plus kFieldPositionGap. A match across two fields spans at least gap + 1 - spread, so
        // below that any layout keeping the fields that far apart finds the same matches: the
        // query terms' own largest position stands in for the field's last token, which would
        // take a walk over all of the document's terms.
        const bool exact_layout = c.slop + spread > kFieldPositionGap;
        const float weight = boost_of(form) * idf;
        std::vector<std::vector<std::uint32_t>> positions(n);
        DocOrdinal d = only.value_or(0);
        while (true) {
            // Align every cursor on one document (a conjunction).
            bool aligned = false;
            while (!aligned) {
                aligned = true;
                for (auto& cur : cursors) {
                    cur.next_geq(d);
                    if (cur.doc() == kNoDoc) return out;
                    if (cur.doc() != d) {
                        d = cur.doc();
                        aligned = false;
                    }
                }
            }
            if (only && d != *only) return out;
            if (s_.live.test(d)) {
                gather_positions(field, d, cursors, part_fields, exact_layout, positions);
                for (std::size_t i = 0; i < n; ++i) slots[i].positions = &positions[i];
                const float freq = phrase_frequency(slots, c.slop);
                if (freq > 0) {
                    const float score = bm25_part(s_.params, weight, freq, field.length(d), field.avgdl());
                    out.add(d, score);
                    if (sink.out && d == sink.doc) {
                        std::string terms;
                        for (const auto& t : form.terms) terms += (terms.empty() ? "" : " ") + t;
                        sink.out->push_back(TermExplanation{name_of(form), terms, 0, min_df, idf, field.length(d), field.avgdl(),
                                                            boost_of(form), score, c.label, freq, {}});
                    }
                }
            }
            if (only || d == kNoDoc - 1) return out;
            ++d;
        }
    }

    // Prefix and fuzzy clauses: Lucene's blended rewrite (TopTermsBlendedFreqScoringRewrite):
    // every expansion scored with the idf of the largest df among them, times its own boost.
    Hits expanded(const QueryClause& c, const FieldForm& form, std::optional<DocOrdinal> only, const ExplainSink& sink) const {
        const FieldView field = field_of(form);
        const auto expansions = c.kind == ClauseKind::prefix
                                    ? expand_prefix(s_.dictionary, field, form.terms[0], q_.max_expansions)
                                    : expand_fuzzy(s_.dictionary, field, form.terms[0], c.edits, q_.prefix_length, q_.max_expansions);
        std::uint32_t max_df = 0;
        for (const auto& e : expansions) max_df = std::max(max_df, e.df);
        const float idf = bm25_idf(field.doc_count(), max_df);
        std::vector<Hits> lists;
        for (const auto& e : expansions) {
            Hits h;
            const Bm25TermScorer scorer(s_.params, boost_of(form) * e.boost, idf, field.avgdl(), field.lengths());
            walk(*field.cursor(e.term), only, [&](const TermCursor& cur) {
                h.add(cur.doc(), scorer.score(cur.doc(), cur.tf()));
                if (sink.out && cur.doc() == sink.doc)
                    sink.out->push_back(entry(c, form, std::string(s_.dictionary.text(e.term)), e.df, scorer.explain(cur.doc(), cur.tf()), cur.doc()));
            });
            lists.push_back(std::move(h));
        }
        return merge(lists);
    }

    // The positions in `doc` of each phrase term (cursors on `doc`), in the field's layout.
    void gather_positions(const FieldView& field, DocOrdinal doc, const std::vector<TermCursor>& cursors,
                          const std::vector<std::vector<std::size_t>>& part_fields, bool exact_layout,
                          std::vector<std::vector<std::uint32_t>>& positions) const {
        auto at = [doc](const PostingCursor& c) {
            return c.doc() == doc ? c.list().positions(c.block(), c.index_in_block(), c.block_tfs()) : std::vector<std::uint32_t>{};
        };
        const std::size_t n = cursors.size();
        if (!field.combined()) {
            for (std::size_t i = 0; i < n; ++i) positions[i] = at(cursors[i].first());
            return;
        }
        for (auto& p : positions) p.clear();
        std::uint32_t offset = 0;
        for (std::size_t f = 0; f < field.parts().size(); ++f) {
            if (field.parts()[f].length(doc) == 0) continue;
            std::uint32_t last = 0;
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t k = 0; k < part_fields[i].size(); ++k) {
                    if (part_fields[i][k] != f) continue;
                    for (std::uint32_t p : at(cursors[i].part(k))) {
                        positions[i].push_back(p + offset);
                        last = std::max(last, p);
                    }
                }
            if (exact_layout) last = s_.last_position(f, doc);
            offset += last + 1 + kFieldPositionGap;
        }
    }

    const LexicalIndex::Impl& s_;
    const TreeQuery& q_;
    std::vector<std::size_t> slots_;  // per q_.fields entry
};

}  // namespace

std::vector<ScoredDoc> LexicalIndex::search(const TreeQuery& query) const {
    const TreeEvaluator evaluator(*impl_, query);
    if (query.alternatives.empty()) return {};
    const Hits hits = evaluator.evaluate(std::nullopt, nullptr);
    TopKHeap heap(query.k);
    for (std::size_t i = 0; i < hits.docs.size(); ++i)
        if (query.allowed == nullptr || query.allowed->test(hits.docs[i])) heap.push({hits.docs[i], hits.scores[i]});
    return heap.take_sorted();
}

Bitset LexicalIndex::matches(const TreeQuery& query) const {
    const TreeEvaluator evaluator(*impl_, query);
    Bitset out(impl_->live.size());
    if (query.alternatives.empty()) return out;
    for (const DocOrdinal d : evaluator.evaluate(std::nullopt, nullptr).docs) out.set(d);  // live ones only
    if (query.allowed != nullptr) out &= *query.allowed;
    return out;
}

std::vector<TermExplanation> LexicalIndex::explain(const TreeQuery& query, DocOrdinal doc) const {
    const TreeEvaluator evaluator(*impl_, query);
    std::vector<TermExplanation> out;
    if (query.alternatives.empty() || !impl_->live.test(doc)) return out;
    evaluator.evaluate(doc, &out);
    return out;
}

}  // namespace braid::lexical
