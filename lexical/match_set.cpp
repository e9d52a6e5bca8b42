// LexicalIndex::matches for plain queries: the set of documents search() would return with an
// unbounded k, from the very plan search() runs, without scores. OR: the union of the postings,
// block by block. AND: the groups' postings leapfrogged (the rarest group leads), as
// evaluate_all walks them. Dead and disallowed documents are masked out at the end.
#include <algorithm>
#include <numeric>

#include "lexical/lexical_index_impl.hpp"
#include "lexical/query_plan.hpp"

namespace braid::lexical {

namespace {

void mark_any(const std::vector<QueryTerm>& terms, Bitset& out) {
    DocOrdinal docs[PostingList::kBlockSize];
    std::uint32_t tfs[PostingList::kBlockSize];
    for (const QueryTerm& term : terms)
        for (std::size_t part = 0; part < term.cursor.parts(); ++part) {  // the combined field: every field's
            const PostingList& list = term.cursor.part_list(part);
            for (std::size_t b = 0; b < list.block_count(); ++b) {
                const std::uint32_t n = list.decode_block(b, docs, tfs);
                for (std::uint32_t i = 0; i < n; ++i) out.set(docs[i]);
            }
        }
}

void mark_all(std::vector<QueryTerm>& terms, std::size_t groups, Bitset& out) {
    std::vector<std::vector<std::size_t>> members(groups);
    std::vector<std::uint64_t> sizes(groups, 0);
    for (std::size_t i = 0; i < terms.size(); ++i) {
        members[terms[i].group].push_back(i);
        sizes[terms[i].group] += terms[i].cursor.size();
    }
    for (const auto& m : members)
        if (m.empty()) return;
    std::vector<std::size_t> order(groups);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sizes[a] < sizes[b]; });
    // Smallest ordinal >= target that some member of group g holds.
    const auto advance_group = [&](std::size_t g, DocOrdinal target) {
        DocOrdinal m = kNoDoc;
        for (const std::size_t i : members[g]) {
            terms[i].cursor.next_geq(target);
            m = std::min(m, terms[i].cursor.doc());
        }
        return m;
    };
    DocOrdinal candidate = 0;
    while (true) {
        bool aligned = true;
        for (const std::size_t g : order) {
            const DocOrdinal m = advance_group(g, candidate);
            if (m == kNoDoc) return;
            if (m > candidate) {
                candidate = m;
                aligned = false;
                break;
            }
        }
        if (!aligned) continue;
        out.set(candidate);
        if (candidate == kNoDoc - 1) return;
        ++candidate;
    }
}

}  // namespace

Bitset LexicalIndex::matches(const LexicalQuery& query) const {
    Plan plan = impl_->make_plan(query);  // validated as search() validates it
    Bitset out(impl_->live.size());
    if (plan.terms.empty()) return out;
    if (query.op == Operator::all) {
        if (plan.unmatched_group) return out;
        mark_all(plan.terms, plan.groups, out);
    } else {
        mark_any(plan.terms, out);
    }
    out &= impl_->live;
    if (query.allowed != nullptr) out &= *query.allowed;
    return out;
}

}  // namespace braid::lexical
