#include "lexical/lexical_index.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/top_k.hpp"
#include "lexical/bm25_scorer.hpp"
#include "lexical/lexical_index_impl.hpp"
#include "lexical/query_plan.hpp"

namespace braid::lexical {

namespace {

constexpr DocOrdinal kMaxOrdinal = 0x7FFFFFFFU;  // postings code gaps in 31 bits
// Compaction rewrites postings once dead postings outnumber live ones (and are not few).
constexpr std::size_t kMinDeadForCompaction = 1U << 16;

// The first occurrence of each term, in query order.
// Linear in the terms (a scan of the kept ones made a query of 16,000 unknown terms take 0.5 s).
std::vector<const std::string*> distinct_terms(const std::vector<std::string>& terms) {
    std::vector<const std::string*> out;
    std::unordered_set<std::string_view> seen;
    seen.reserve(terms.size());
    for (const auto& t : terms)
        if (seen.insert(t).second) out.push_back(&t);
    return out;
}

}  // namespace

LexicalIndex::Impl::Impl(std::vector<std::string> names, Bm25Params p, bool pos)
    : params(p), positions(pos), text_fields(std::move(names)), combined(p) {
    if (text_fields.empty())
        throw Error(ErrorKind::invalid_argument, "invalid_schema", "a lexical index needs at least one text field");
    for (std::size_t i = 0; i < text_fields.size(); ++i) {
        if (text_fields[i].empty() || text_fields[i] == kCombinedField)
            throw Error(ErrorKind::invalid_argument, "invalid_schema", "bad text field name '" + text_fields[i] + "'");
        for (std::size_t j = 0; j < i; ++j)
            if (text_fields[i] == text_fields[j])
                throw Error(ErrorKind::invalid_argument, "invalid_schema", "duplicate text field '" + text_fields[i] + "'");
    }
    if (!(p.k1 >= 0) || !std::isfinite(p.k1) || !(p.b >= 0 && p.b <= 1))
        throw Error(ErrorKind::invalid_argument, "invalid_bm25", "BM25 needs k1 >= 0 and 0 <= b <= 1");
    for (std::size_t i = 0; i < text_fields.size(); ++i) fields.emplace_back(params, positions);
}

std::size_t LexicalIndex::Impl::field_slot(std::string_view name) const {
    if (name == kCombinedField) return combined_slot();
    for (std::size_t i = 0; i < text_fields.size(); ++i)
        if (text_fields[i] == name) return i;
    return static_cast<std::size_t>(-1);
}

LexicalIndex::LexicalIndex(std::vector<std::string> text_fields, Bm25Params params, bool store_positions)
    : impl_(std::make_unique<Impl>(std::move(text_fields), params, store_positions)) {}
LexicalIndex::~LexicalIndex() = default;
LexicalIndex::LexicalIndex(LexicalIndex&&) noexcept = default;
LexicalIndex& LexicalIndex::operator=(LexicalIndex&&) noexcept = default;

void LexicalIndex::add(DocOrdinal doc, const std::vector<FieldTokens>& input) {
    Impl& s = *impl_;
    if (doc < s.next_doc || doc > kMaxOrdinal)
        throw Error(ErrorKind::invalid_argument, "bad_ordinal",
                    "document ordinal " + std::to_string(doc) + " is not above every ordinal added before");
    const std::size_t nfields = s.text_fields.size();
    std::vector<std::size_t> slot_of_input(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
        slot_of_input[i] = s.field_slot(input[i].field);
        if (slot_of_input[i] >= nfields)
            throw Error(ErrorKind::invalid_argument, "unknown_field", "'" + input[i].field + "' is not a text field of this index");
    }
    std::vector<std::vector<TermOccurrence>> occurrences(nfields);
    for (std::size_t i = 0; i < input.size(); ++i) {
        auto& occ = occurrences[slot_of_input[i]];
        for (const auto& tok : input[i].tokens) occ.push_back({s.dictionary.intern(tok.text), tok.position});
    }
    std::vector<std::vector<TermId>> distinct(nfields);
    for (std::size_t f = 0; f < nfields; ++f) {
        std::sort(occurrences[f].begin(), occurrences[f].end());
        s.fields[f].add_document(doc, occurrences[f], distinct[f]);
    }
    if (nfields > 1) {
        // The combined field's statistics: each distinct term with its tf summed over the fields.
        std::vector<std::pair<TermId, std::uint32_t>> counts;
        std::uint32_t length = 0;
        for (std::size_t f = 0; f < nfields; ++f) {
            length += static_cast<std::uint32_t>(occurrences[f].size());
            for (const auto& o : occurrences[f])
                if (counts.empty() || counts.back().first != o.term) counts.push_back({o.term, 1});
                else ++counts.back().second;
        }
        std::sort(counts.begin(), counts.end());
        std::vector<TermId> terms;
        std::vector<std::uint32_t> tfs;
        for (const auto& [term, tf] : counts) {
            if (!terms.empty() && terms.back() == term) {
                tfs.back() += tf;
            } else {
                terms.push_back(term);
                tfs.push_back(tf);
            }
        }
        s.combined.add_document(doc, terms, tfs, length);
    }
    s.forward.add(doc, distinct);
    s.live.set(doc);
    ++s.live_count;
    s.next_doc = doc + 1;
}

void LexicalIndex::remove(DocOrdinal doc) {
    Impl& s = *impl_;
    if (!s.live.test(doc)) return;
    const std::size_t nfields = s.text_fields.size();
    const auto terms = s.forward.get(doc, nfields);
    std::vector<TermId> all;
    for (std::size_t f = 0; f < nfields; ++f) {
        s.fields[f].remove_document(doc, terms[f]);
        s.dead_postings += terms[f].size();
        all.insert(all.end(), terms[f].begin(), terms[f].end());
    }
    if (nfields > 1) {
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        s.combined.remove_document(doc, all);
    }
    s.live.reset(doc);
    --s.live_count;
    std::size_t live_postings = 0;
    for (const auto& f : s.fields) live_postings += f.live_postings();
    if (s.dead_postings >= kMinDeadForCompaction && s.dead_postings > live_postings) {
        for (auto& f : s.fields) f.compact(s.live);
        s.dead_postings = 0;
    }
}

void LexicalIndex::remap(const OrdinalRemap& remap) {
    Impl& s = *impl_;
    if (remap.new_end() > kMaxOrdinal + std::size_t{1})
        throw Error(ErrorKind::internal, "internal", "an ordinal remap past the largest lexical ordinal");
    Bitset live = remap.apply(s.live);
    if (live.count() != s.live_count)
        throw Error(ErrorKind::internal, "internal", "an ordinal remap drops a live document of the lexical index");
    for (auto& f : s.fields) f.compact(remap);
    s.combined.remap(remap);
    s.forward.remap(remap);
    s.live = std::move(live);
    s.next_doc = static_cast<DocOrdinal>(remap.new_end());
    s.dead_postings = 0;
}

bool LexicalIndex::contains(DocOrdinal doc) const { return impl_->live.test(doc); }

Plan LexicalIndex::Impl::make_plan(const LexicalQuery& query) const {
    const Impl& s = *this;
    Plan plan;
    std::unordered_map<std::string, std::uint32_t> group_of;
    std::vector<bool> group_has_postings;
    std::size_t total = 0;
    for (const auto& fq : query.fields) total += fq.terms.size();
    plan.terms.reserve(total);
    for (const auto& fq : query.fields) {
        const std::size_t slot = s.field_slot(fq.field);
        if (slot == static_cast<std::size_t>(-1))
            throw Error(ErrorKind::invalid_argument, "unknown_field", "'" + fq.field + "' is not a text field of this collection",
                        "fields." + fq.field);
        check_boost(fq.field, fq.boost);
        const FieldView field = s.view(slot);
        const FieldStatistics* global = nullptr;
        if (query.global != nullptr) {
            const auto g = query.global->fields.find(fq.field);
            if (g != query.global->fields.end()) global = &g->second;
        }
        const std::uint64_t n = global != nullptr ? std::max<std::uint64_t>(global->documents, field.doc_count()) : field.doc_count();
        const float avgdl = global != nullptr ? global->avgdl() : field.avgdl();
        for (const std::string* term : distinct_terms(fq.terms)) {
            auto [it, inserted] = group_of.emplace(*term, static_cast<std::uint32_t>(group_of.size()));
            if (inserted) group_has_postings.push_back(false);
            const TermId id = s.dictionary.find(*term);
            const std::uint32_t local_df = field.df(id);
            if (local_df == 0) continue;
            const auto lists = field.postings(id);
            if (lists.empty()) continue;
            // Global statistics include this shard's own: never below the local counts.
            std::uint64_t global_df = local_df;
            if (global != nullptr) {
                const auto t = global->df.find(*term);
                if (t != global->df.end()) global_df = std::max(global_df, t->second);
            }
            const auto df = static_cast<std::uint32_t>(std::min<std::uint64_t>(global_df, UINT32_MAX));
            const Bm25TermScorer scorer(s.params, fq.boost, bm25_idf(n, df), avgdl, field.lengths());
            const TermSource source{&fq.field, term, df};
            if (field.combined())
                plan.terms.emplace_back(MergedCursor(lists), scorer, s.combined.part_bound(id, avgdl), it->second, source);
            else
                plan.terms.emplace_back(*lists.front(), scorer, avgdl, field.parts()[0].tail_part_bound(*lists.front(), avgdl),
                                        it->second, source);
            group_has_postings[it->second] = true;
        }
    }
    plan.groups = group_of.size();
    plan.unmatched_group = std::find(group_has_postings.begin(), group_has_postings.end(), false) != group_has_postings.end();
    return plan;
}

namespace {

bool uses_accumulators(OrEvaluation how, const std::vector<QueryTerm>& terms, std::size_t ordinals) {
    switch (how) {
        case OrEvaluation::pruned: return false;
        case OrEvaluation::accumulated: return true;
        case OrEvaluation::automatic: break;
    }
    return accumulators_pay(terms, ordinals);
}

}  // namespace

std::vector<ScoredDoc> LexicalIndex::search(const LexicalQuery& query) const {
    Plan plan = impl_->make_plan(query);
    if (query.k == 0 || plan.terms.empty()) return {};
    if (query.op == Operator::all && plan.unmatched_group) return {};
    TopKHeap heap(query.k);
    const DocFilter filter{&impl_->live, query.allowed};
    if (query.op == Operator::all)
        evaluate_all(plan.terms, plan.groups, filter, heap);
    else if (uses_accumulators(query.or_evaluation, plan.terms, impl_->live.size()))
        accumulate_any(plan.terms, filter, heap);
    else
        evaluate_any(plan.terms, filter, heap);
    return heap.take_sorted();
}

std::vector<TermExplanation> LexicalIndex::explain(const LexicalQuery& query, DocOrdinal doc) const {
    Plan plan = impl_->make_plan(query);  // the plan search() runs, validated the same way
    std::vector<TermExplanation> out;
    if (!impl_->live.test(doc)) return out;
    for (QueryTerm& term : plan.terms)
        if (auto explained = term.explain(doc)) {
            if (impl_->fields.size() > 1 && *term.source.field == kCombinedField)
                explained->field_parts = impl_->field_parts(impl_->dictionary.find(*term.source.term), doc);
            out.push_back(std::move(*explained));
        }
    return out;
}

std::uint32_t LexicalIndex::Impl::last_position(std::size_t field, DocOrdinal doc) const {
    std::uint32_t last = 0;
    const auto terms = forward.get(doc, text_fields.size());
    for (TermId t : terms[field]) {
        const PostingList* list = fields[field].postings(t);
        if (list == nullptr) continue;
        PostingCursor cursor(*list);
        cursor.next_geq(doc);
        if (cursor.doc() != doc) continue;
        const auto p = list->positions(cursor.block(), cursor.index_in_block(), cursor.block_tfs());
        if (!p.empty()) last = std::max(last, p.back());
    }
    return last;
}

std::vector<FieldPart> LexicalIndex::Impl::field_parts(TermId term, DocOrdinal doc) const {
    std::vector<FieldPart> out;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        const PostingList* list = fields[f].postings(term);
        if (list == nullptr) continue;
        PostingCursor cursor(*list);
        cursor.next_geq(doc);
        if (cursor.doc() == doc) out.push_back(FieldPart{text_fields[f], cursor.tf(), fields[f].length(doc)});
    }
    return out;
}

std::vector<std::uint32_t> LexicalIndex::positions(std::string_view field, std::string_view term, DocOrdinal doc) const {
    const Impl& s = *impl_;
    const std::size_t slot = s.field_slot(field);
    if (slot == static_cast<std::size_t>(-1))
        throw Error(ErrorKind::invalid_argument, "unknown_field", "'" + std::string(field) + "' is not a text field of this index");
    if (!s.positions || !s.live.test(doc)) return {};
    const TermId id = s.dictionary.find(term);
    auto in_field = [&](std::size_t f) -> std::vector<std::uint32_t> {
        const PostingList* list = s.fields[f].postings(id);
        if (list == nullptr) return {};
        PostingCursor cursor(*list);
        cursor.next_geq(doc);
        if (cursor.doc() != doc) return {};
        return list->positions(cursor.block(), cursor.index_in_block(), cursor.block_tfs());
    };
    if (slot < s.fields.size()) return in_field(slot);
    // The combined field: each field's positions in turn, past the previous field's last token.
    std::vector<std::uint32_t> out;
    std::uint32_t offset = 0;
    for (std::size_t f = 0; f < s.fields.size(); ++f) {
        if (s.fields[f].length(doc) == 0) continue;
        for (std::uint32_t p : in_field(f)) out.push_back(p + offset);
        offset += s.last_position(f, doc) + 1 + kFieldPositionGap;
    }
    return out;
}

CorpusStatistics LexicalIndex::statistics(const LexicalQuery& query) const {
    const Impl& s = *impl_;
    CorpusStatistics out;
    for (const auto& fq : query.fields) {
        const std::size_t slot = s.field_slot(fq.field);
        if (slot == static_cast<std::size_t>(-1))
            throw Error(ErrorKind::invalid_argument, "unknown_field", "'" + fq.field + "' is not a text field of this collection",
                        "fields." + fq.field);
        const FieldView field = s.view(slot);
        FieldStatistics& f = out.fields[fq.field];
        f.documents = field.doc_count();
        f.total_length = field.total_length();
        for (const std::string& term : fq.terms) f.df[term] = field.df(s.dictionary.find(term));
    }
    return out;
}

LexicalStats LexicalIndex::stats() const {
    const Impl& s = *impl_;
    LexicalStats st;
    st.documents = s.live_count;
    st.terms = s.fields.size() == 1 ? s.fields[0].live_terms() : s.combined.live_terms();
    for (const auto& f : s.fields) {
        st.postings += f.live_postings();
        st.memory_bytes += f.memory_bytes();
    }
    if (s.fields.size() > 1) st.memory_bytes += s.combined.memory_bytes();
    st.memory_bytes += sizeof(Impl) + s.dictionary.memory_bytes() + s.forward.memory_bytes() + s.live.memory_bytes();
    return st;
}

const Bm25Params& LexicalIndex::params() const { return impl_->params; }
const std::vector<std::string>& LexicalIndex::text_fields() const { return impl_->text_fields; }

}  // namespace braid::lexical
