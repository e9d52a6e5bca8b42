#include "engine/document_output.hpp"

#include <vector>

namespace braid::engine {

std::string document_text(const DocumentSource& source, DocOrdinal ordinal, const DocumentShape& shape) {
    std::string text = source.store.text(ordinal);
    const VectorSlot slot = source.store.vector_slot(ordinal);
    if (shape.include_vector && source.dense && slot.kind != VectorSlot::Kind::none) {
        std::vector<float> vector(source.dense->spec().dimension);
        if (source.dense->stored_vector(ordinal, vector)) {
            const float scale = source.store.vector_scale(ordinal);
            if (scale != 1.0f)
                for (float& x : vector) x *= scale;
            text = with_vector(text, slot, source.vector_field, vector);
        }
    }
    if (!shape.fields.selects_all()) return select_members(text, shape.fields);
    return text;
}

}  // namespace braid::engine
