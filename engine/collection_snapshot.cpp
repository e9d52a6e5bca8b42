// LocalCollection's snapshot files: schema.json, state.json, documents.jsonl, lexical.bin, dense/.
// documents.jsonl holds two lines per live document, in ordinal order: {"o":ordinal,"id":id} and
// the document's JSON text as stored.
#include <fstream>
#include <iostream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "engine/local_collection.hpp"
#include "engine/schema.hpp"

namespace braid::engine {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::ofstream open_out(const fs::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::io, "io_error", "cannot create " + file.string());
    return out;
}

void close_out(std::ofstream& out, const fs::path& file) {
    out.flush();
    if (!out) throw Error(ErrorKind::io, "io_error", "cannot write " + file.string());
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(ErrorKind::io, "io_error", "cannot read " + file.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

[[noreturn]] void corrupt(const fs::path& file, const std::string& why) {
    throw Error(ErrorKind::io, "corrupt_snapshot", file.string() + ": " + why);
}

}  // namespace

void LocalCollection::write_snapshot(const fs::path& dir) const {
    // With the write gate closed no journaled write is still waiting to be applied, and none starts.
    std::lock_guard gate(write_gate_);
    std::shared_lock read(state_mutex_);

    fs::create_directories(dir);
    {
        auto out = open_out(dir / "schema.json");
        out << json::serialize(config::to_json(schema_));
        close_out(out, dir / "schema.json");
    }
    {
        auto out = open_out(dir / "state.json");
        out << json::serialize(json::object{{"next_ordinal", state_.store.next_ordinal()}});
        close_out(out, dir / "state.json");
    }
    {
        auto out = open_out(dir / "documents.jsonl");
        // Each document with its vector put back: the same file as before stored texts lost their
        // vectors, so older snapshots load as they are and a damaged dense/ can be rebuilt from it.
        const DocumentSource source{state_.store, state_.dense.get(), state_.vector_field};
        const DocumentShape whole{.include_vector = true, .fields = {}};
        state_.store.for_each_live([&](DocOrdinal o, const std::string& id) {
            out << "{\"o\":" << o << ",\"id\":" << json::serialize(json::string(id)) << "}\n"
                << document_text(source, o, whole) << '\n';
        });
        close_out(out, dir / "documents.jsonl");
    }
    if (state_.lexical) {
        auto out = open_out(dir / "lexical.bin");
        state_.lexical->save(out);
        close_out(out, dir / "lexical.bin");
    }
    if (state_.dense) {
        fs::create_directories(dir / "dense");
        state_.dense->save(dir / "dense");
    }
}

std::shared_ptr<LocalCollection> LocalCollection::load_snapshot(const fs::path& dir,
                                                                const analyzers::AnalyzerRegistry& registry) {
    json::value schema_json;
    try {
        schema_json = json::parse(read_all(dir / "schema.json"));
    } catch (const std::exception& e) {
        corrupt(dir / "schema.json", e.what());
    }
    config::CollectionConfig schema = config::parse_collection(schema_json, "schema");
    check_schema(schema, registry);
    auto collection = std::make_shared<LocalCollection>(std::move(schema), registry);
    CollectionState& state = collection->state_;
    const std::string& name = collection->schema_.name;

    bool lexical_loaded = !state.lexical;  // a vector-only collection has no lexical index to load
    if (state.lexical) {
        try {
            std::ifstream in(dir / "lexical.bin", std::ios::binary);
            if (!in) corrupt(dir / "lexical.bin", "cannot be opened");
            state.lexical = std::make_unique<lexical::LexicalIndex>(lexical::LexicalIndex::load(in));
            lexical_loaded = true;
        } catch (const std::exception& e) {
            std::cerr << "braid: collection \"" << name << "\": " << e.what() << "; re-indexing its documents\n";
        }
    }
    bool dense_loaded = false;
    if (state.dense) {
        try {
            state.dense = dense::load_vector_index(vector_spec(*collection->schema_.vector), dir / "dense");
            dense_loaded = true;
        } catch (const std::exception& e) {
            std::cerr << "braid: collection \"" << name << "\": " << e.what() << "; re-adding its vectors\n";
            state.dense = dense::make_vector_index(vector_spec(*collection->schema_.vector));
        }
    }

    std::ifstream in(dir / "documents.jsonl", std::ios::binary);
    if (!in) corrupt(dir / "documents.jsonl", "cannot be opened");
    std::string line, text;
    std::size_t line_number = 0, with_vector = 0;
    while (std::getline(in, line)) {
        line_number += 2;
        try {
            if (!std::getline(in, text)) throw Error(ErrorKind::io, "corrupt_snapshot", "a document line is missing");
            const json::object record = json::parse(line).as_object();
            const auto ordinal = static_cast<DocOrdinal>(record.at("o").to_number<std::uint64_t>());
            std::string id(record.at("id").as_string());
            using Analysis = DocumentParser::TextAnalysis;
            const ParsedDocument parsed = collection->parser_.parse(
                id, json::parse(text).as_object(),
                {.text = lexical_loaded ? Analysis::skip : Analysis::analyze, .original = text});
            state.store_document(ordinal, parsed);
            state.filters.add(ordinal, parsed.filters);
            if (!lexical_loaded) state.lexical->add(ordinal, parsed.text);
            if (parsed.vector) {
                ++with_vector;
                if (state.dense && !dense_loaded) state.dense->add(ordinal, *parsed.vector);
            }
        } catch (const std::exception& e) {
            corrupt(dir / "documents.jsonl", "line " + std::to_string(line_number - 1) + ": " + e.what());
        }
    }
    try {
        const json::value meta = json::parse(read_all(dir / "state.json"));
        state.store.advance_to(static_cast<DocOrdinal>(meta.at("next_ordinal").to_number<std::uint64_t>()));
    } catch (const std::exception& e) {
        corrupt(dir / "state.json", e.what());
    }
    if (state.lexical && lexical_loaded && state.lexical->stats().documents != state.store.size())
        corrupt(dir / "lexical.bin", "holds " + std::to_string(state.lexical->stats().documents) +
                                         " documents, documents.jsonl " + std::to_string(state.store.size()));
    if (dense_loaded && state.dense->size() != with_vector)
        corrupt(dir / "dense", "holds " + std::to_string(state.dense->size()) + " vectors, documents.jsonl " +
                                   std::to_string(with_vector));
    // A snapshot written before ordinal compaction existed may hold a sparse ordinal space.
    if (state.wants_ordinal_compaction()) state.compact_ordinals();
    return collection;
}

}  // namespace braid::engine
