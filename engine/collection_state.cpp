#include "engine/collection_state.hpp"

#include <cmath>

#include "engine/schema.hpp"

namespace braid::engine {

namespace {

lexical::Bm25Params bm25(const config::CollectionConfig& schema) {
    return lexical::Bm25Params{static_cast<float>(schema.bm25.k1), static_cast<float>(schema.bm25.b)};
}

}  // namespace

CollectionState::CollectionState(const config::CollectionConfig& schema, const DocumentParser& parser)
    : vector_field(schema.vector ? schema.vector->field : std::string()),
      unit_vectors(schema.vector && vector_spec(*schema.vector).metric == dense::Metric::cosine),
      filters(parser.filter_fields()),
      // Positions are stored for every text field: phrases need them (README "Query syntax").
      lexical(parser.text_fields().empty()
                  ? nullptr
                  : std::make_unique<lexical::LexicalIndex>(parser.text_fields(), bm25(schema), /*store_positions=*/true)),
      dense(schema.vector ? dense::make_vector_index(vector_spec(*schema.vector)) : nullptr) {}

DocOrdinal CollectionState::store_document(DocOrdinal ordinal, const ParsedDocument& document) {
    // The vector member is cut out only when the dense index holds its values.
    if (!dense || !document.vector) return store.add(ordinal, document.id, {document.json, {}});
    float scale = 1.0f;
    if (unit_vectors) {
        double squares = 0;
        for (const float x : *document.vector) squares += static_cast<double>(x) * x;
        scale = static_cast<float>(std::sqrt(squares));
    }
    return store.add(ordinal, document.id, strip_member(document.json, vector_field), scale);
}

bool CollectionState::upsert(const ParsedDocument& document) {
    const DocOrdinal ordinal = store.next_ordinal();
    const DocOrdinal replaced = store_document(ordinal, document);
    if (replaced != kNoDoc) {
        if (lexical) lexical->remove(replaced);
        if (dense) dense->remove(replaced);
    }
    if (lexical) lexical->add(ordinal, document.text);
    filters.add(ordinal, document.filters);
    if (dense && document.vector) dense->add(ordinal, *document.vector);
    if (wants_ordinal_compaction()) compact_ordinals();
    return replaced != kNoDoc;
}

void CollectionState::upsert_batch(std::span<const ParsedDocument> documents) {
    std::vector<DocOrdinal> pending;  // ordinals whose vectors are still to be added, batch order
    std::vector<const std::vector<float>*> pending_vectors;
    for (const auto& document : documents) {
        const DocOrdinal ordinal = store.next_ordinal();
        const DocOrdinal replaced = store_document(ordinal, document);
        if (replaced != kNoDoc) {
            if (lexical) lexical->remove(replaced);
            if (dense) {
                dense->remove(replaced);
                // A version replaced inside this batch must not be added afterwards.
                for (std::size_t i = 0; i < pending.size(); ++i) {
                    if (pending[i] == replaced) pending_vectors[i] = nullptr;
                }
            }
        }
        if (lexical) lexical->add(ordinal, document.text);
        filters.add(ordinal, document.filters);
        if (dense && document.vector) {
            pending.push_back(ordinal);
            pending_vectors.push_back(&*document.vector);
        }
    }
    if (dense) {
        std::vector<DocOrdinal> ordinals;
        std::vector<float> rows;
        ordinals.reserve(pending.size());
        rows.reserve(pending.size() * dense->spec().dimension);
        for (std::size_t i = 0; i < pending.size(); ++i) {
            if (!pending_vectors[i]) continue;
            ordinals.push_back(pending[i]);
            rows.insert(rows.end(), pending_vectors[i]->begin(), pending_vectors[i]->end());
        }
        if (!ordinals.empty()) dense->add_batch(ordinals, rows);
    }
    if (wants_ordinal_compaction()) compact_ordinals();
}

bool CollectionState::remove(std::string_view id) {
    const DocOrdinal ordinal = store.remove(id);
    if (ordinal == kNoDoc) return false;
    if (lexical) lexical->remove(ordinal);
    if (dense) dense->remove(ordinal);
    if (wants_ordinal_compaction()) compact_ordinals();
    return true;
}

bool CollectionState::wants_ordinal_compaction() const {
    return store.next_ordinal() >= 2 * store.size() + kOrdinalCompactionSlack;
}

void CollectionState::compact_ordinals() {
    const OrdinalRemap remap = OrdinalRemap::compacting(store.live(), store.next_ordinal());
    // The components that check the remap first: each throws before changing anything.
    if (lexical) lexical->remap(remap);
    if (dense) dense->remap(remap);
    store.remap(remap);
    filters.remap(remap);
}

}  // namespace braid::engine
