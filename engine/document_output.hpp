#pragma once
#include <string>
#include <string_view>

#include "core/doc_ordinal.hpp"
#include "dense/vector_index.hpp"
#include "engine/document_store.hpp"
#include "engine/stored_document.hpp"

namespace braid::engine {

// How a returned document is shaped: its vector put back (from the dense index) or not, and which
// top-level members it keeps.
struct DocumentShape {
    bool include_vector = false;
    FieldSelection fields;
};

// Where a collection's documents and vectors are, for writing a document out.
struct DocumentSource {
    const DocumentStore& store;
    const dense::VectorIndex* dense = nullptr;  // null: no vector field
    std::string_view vector_field;
};

// The JSON text of a stored document shaped as asked, its bytes as they were sent except for the
// vector member (written in the shortest round-trip form of each float) and the members left out.
std::string document_text(const DocumentSource& source, DocOrdinal ordinal, const DocumentShape& shape);

}  // namespace braid::engine
