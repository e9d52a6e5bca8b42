#include "engine/document_embedding.hpp"

#include <charconv>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "core/error.hpp"

namespace braid::engine {

namespace json = boost::json;

namespace {

// `"field":[x,y,...]` with each float written as the shortest text that reads back the same.
std::string vector_member(const std::string& field, const std::vector<float>& vector) {
    std::string out = json::serialize(json::string(field));
    out += ":[";
    char buffer[32];
    for (std::size_t i = 0; i < vector.size(); ++i) {
        if (i) out += ',';
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, vector[i]);
        out.append(buffer, ec == std::errc() ? end : buffer);
    }
    out += ']';
    return out;
}

// The document's one-line text with the vector member added before its closing brace.
std::string with_vector(std::string_view text, bool empty_object, const std::string& member) {
    std::size_t close = text.find_last_not_of(" \t");
    if (close == std::string_view::npos || text[close] != '}')
        throw Error(ErrorKind::internal, "internal", "a document text that does not end its object");
    std::string out(text.substr(0, close));
    if (!empty_object) out += ',';
    out += member;
    out += '}';
    return out;
}

void attach(const CollectionEmbedder& embedder, json::object& document, std::optional<std::string>& text,
            const std::vector<float>& vector) {
    const std::string member = vector_member(embedder.vector_field(), vector);
    if (text) *text = with_vector(*text, document.empty(), member);
    json::array array;
    array.reserve(vector.size());
    for (const float x : vector) array.emplace_back(static_cast<double>(x));
    document[embedder.vector_field()] = std::move(array);
}

}  // namespace

void embed_if_missing(const CollectionEmbedder& embedder, json::object& document, std::optional<std::string>& text) {
    if (!embedder.wants_vector(document)) return;
    attach(embedder, document, text, embedder.embed_document(embedder.source_text(document)));
}

std::vector<BulkError> embed_missing(const CollectionEmbedder& embedder, std::vector<PendingDocument>& documents) {
    std::vector<std::size_t> wanting;
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (!embedder.wants_vector(documents[i].document)) continue;
        wanting.push_back(i);
        texts.push_back(embedder.source_text(documents[i].document));
    }
    std::vector<BulkError> errors;
    if (wanting.empty()) return errors;
    auto outcomes = embedder.embed_documents(texts);
    // A batch the service refused (bad_gateway: a 4xx or an unusable answer, not an outage) may
    // hold one bad text: its texts are tried one by one, so only that line fails.
    if (embedder.config().batch_size > 1) {
        for (std::size_t j = 0; j < outcomes.size(); ++j) {
            if (outcomes[j].ok() || outcomes[j].error->kind() != ErrorKind::bad_gateway) continue;
            try {
                outcomes[j].vector = embedder.embed_document(texts[j]);
                outcomes[j].error.reset();
            } catch (const Error& e) {
                outcomes[j].error = e;
            }
        }
    }
    std::vector<bool> failed(documents.size(), false);
    for (std::size_t j = 0; j < wanting.size(); ++j) {
        PendingDocument& pending = documents[wanting[j]];
        if (outcomes[j].ok()) {
            attach(embedder, pending.document, pending.text, outcomes[j].vector);
        } else {
            failed[wanting[j]] = true;
            errors.push_back(BulkError{pending.line, pending.id, outcomes[j].error->type(), outcomes[j].error->what(), ""});
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (failed[i]) continue;
        if (kept != i) documents[kept] = std::move(documents[i]);
        ++kept;
    }
    documents.resize(kept);
    return errors;
}

}  // namespace braid::engine
