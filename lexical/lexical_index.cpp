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
// Position gap between two fields inside the combined field (like Lucene's position increment
// gap), so a phrase never spans a field boundary.
constexpr std::uint32_t kFieldPositionGap = 100;
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
    : params(p), positions(pos), text_fields(std::move(names)) {
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
    const std::size_t count = text_fields.size() == 1 ? 1 : text_fields.size() + 1;
    for (std::size_t i = 0; i < count; ++i) fields.emplace_back(params, positions);
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
    if (s.fields.size() > nfields) {
        std::vector<TermOccurrence> all;
        std::uint32_t offset = 0;
        for (std::size_t f = 0; f < nfields; ++f) {
            std::uint32_t last = 0;
            for (const auto& o : occurrences[f]) {
                all.push_back({o.term, o.position + offset});
                last = std::max(last, o.position);
            }
            if (!occurrences[f].empty()) offset += last + 1 + kFieldPositionGap;
        }
        std::sort(all.begin(), all.end());
        std::vector<TermId> combined;
        s.fields[s.combined_slot()].add_document(doc, all, combined);
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
    if (s.fields.size() > nfields) {
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        s.fields[s.combined_slot()].remove_document(doc, all);
        s.dead_postings += all.size();
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
        const FieldIndex& field = s.fields[slot];
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
            const PostingList* list = field.postings(id);
            const std::uint32_t local_df = field.df(id);
            if (list == nullptr || local_df == 0) continue;
            // Global statistics include this shard's own: never below the local counts.
            std::uint64_t global_df = local_df;
            if (global != nullptr) {
                const auto t = global->df.find(*term);
                if (t != global->df.end()) global_df = std::max(global_df, t->second);
            }
            const auto df = static_cast<std::uint32_t>(std::min<std::uint64_t>(global_df, UINT32_MAX));
            const Bm25TermScorer scorer(s.params, fq.boost, bm25_idf(n, df), avgdl, field.lengths());
            plan.terms.emplace_back(*list, scorer, avgdl, field.tail_part_bound(*list, avgdl), it->second,
                                    TermSource{&fq.field, term, df});
            group_has_postings[it->second] = true;
        }
    }
    plan.groups = group_of.size();
    plan.unmatched_group = std::find(group_has_postings.begin(), group_has_postings.end(), false) != group_has_postings.end();
    return plan;
}

std::vector<ScoredDoc> LexicalIndex::search(const LexicalQuery& query) const {
    Plan plan = impl_->make_plan(query);
    if (query.k == 0 || plan.terms.empty()) return {};
    if (query.op == Operator::all && plan.unmatched_group) return {};
    TopKHeap heap(query.k);
    const DocFilter filter{&impl_->live, query.allowed};
    if (query.op == Operator::all)
        evaluate_all(plan.terms, plan.groups, filter, heap);
    else
        evaluate_any(plan.terms, filter, heap);
    return heap.take_sorted();
}

std::vector<TermExplanation> LexicalIndex::explain(const LexicalQuery& query, DocOrdinal doc) const {
    Plan plan = impl_->make_plan(query);  // the plan search() runs, validated the same way
    std::vector<TermExplanation> out;
    if (!impl_->live.test(doc)) return out;
    for (QueryTerm& term : plan.terms)
        if (auto explained = term.explain(doc)) out.push_back(std::move(*explained));
    return out;
}

std::vector<std::uint32_t> LexicalIndex::positions(std::string_view field, std::string_view term, DocOrdinal doc) const {
    const Impl& s = *impl_;
    const std::size_t slot = s.field_slot(field);
    if (slot == static_cast<std::size_t>(-1))
        throw Error(ErrorKind::invalid_argument, "unknown_field", "'" + std::string(field) + "' is not a text field of this index");
    const PostingList* list = s.fields[slot].postings(s.dictionary.find(term));
    if (!s.positions || list == nullptr || !s.live.test(doc)) return {};
    PostingCursor cursor(*list);
    cursor.next_geq(doc);
    if (cursor.doc() != doc) return {};
    return list->positions(cursor.block(), cursor.index_in_block(), cursor.block_tfs());
}

CorpusStatistics LexicalIndex::statistics(const LexicalQuery& query) const {
    const Impl& s = *impl_;
    CorpusStatistics out;
    for (const auto& fq : query.fields) {
        const std::size_t slot = s.field_slot(fq.field);
        if (slot == static_cast<std::size_t>(-1))
            throw Error(ErrorKind::invalid_argument, "unknown_field", "'" + fq.field + "' is not a text field of this collection",
                        "fields." + fq.field);
        const FieldIndex& field = s.fields[slot];
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
    st.terms = s.fields[s.combined_slot()].live_terms();
    for (const auto& f : s.fields) {
        st.postings += f.live_postings();
        st.memory_bytes += f.memory_bytes();
    }
    st.memory_bytes += sizeof(Impl) + s.dictionary.memory_bytes() + s.forward.memory_bytes() + s.live.memory_bytes();
    return st;
}

const Bm25Params& LexicalIndex::params() const { return impl_->params; }
const std::vector<std::string>& LexicalIndex::text_fields() const { return impl_->text_fields; }

}  // namespace braid::lexical
