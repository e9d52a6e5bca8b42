#include "eval/beir_files.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "eval/dataset_error.hpp"

namespace braid::eval {
namespace {

namespace json = boost::json;

// BEIR ids are strings, but some exports write numbers.
std::string id_of(const json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_int64()) return std::to_string(value.get_int64());
    if (value.is_uint64()) return std::to_string(value.get_uint64());
    return {};
}

std::string string_member(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

struct JsonLine {
    const json::object& object;
    std::string id;
    const std::string& source;
    std::size_t number;

    [[noreturn]] void fail(const std::string& why) const { detail::bad_line(source, number, why); }

    std::optional<std::vector<float>> embedding() const {
        const auto* value = object.if_contains("embedding");
        if (!value) return std::nullopt;
        std::vector<float> vector;
        const auto* array = value->if_array();
        if (!array || array->empty()) fail("\"embedding\" is not an array of numbers");
        vector.reserve(array->size());
        for (const auto& element : *array) {
            if (!element.is_number()) fail("\"embedding\" is not an array of numbers");
            vector.push_back(static_cast<float>(element.to_number<double>()));
        }
        return vector;
    }
};

// Calls `visit` with every non-blank line parsed as an object with an "_id".
void for_each_json_line(const std::filesystem::path& file, const std::function<void(const JsonLine&)>& visit) {
    std::ifstream in = detail::open_dataset_file(file);
    const std::string source = file.string();
    std::string text;
    std::size_t number = 0;
    while (std::getline(in, text)) {
        ++number;
        if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
        json::error_code error;
        const json::value value = json::parse(text, error);
        if (error || !value.is_object()) detail::bad_line(source, number, "not a JSON object");
        const auto& object = value.get_object();
        const auto* id = object.if_contains("_id");
        std::string key = id ? id_of(*id) : std::string();
        if (key.empty()) detail::bad_line(source, number, "missing \"_id\"");
        visit(JsonLine{object, std::move(key), source, number});
    }
}

}  // namespace

std::vector<Query> load_queries(const std::filesystem::path& queries_file,
                                const std::optional<std::filesystem::path>& vectors_file) {
    std::vector<Query> queries;
    std::map<std::string, std::size_t> position;
    for_each_json_line(queries_file, [&](const JsonLine& line) {
        position[line.id] = queries.size();
        queries.push_back({line.id, string_member(line.object, "text"), line.embedding()});
    });
    if (vectors_file) {
        for_each_json_line(*vectors_file, [&](const JsonLine& line) {
            const auto found = position.find(line.id);
            if (found == position.end()) return;
            auto vector = line.embedding();
            if (!vector) line.fail("missing \"embedding\"");
            queries[found->second].vector = std::move(vector);
        });
    }
    return queries;
}

std::vector<CorpusDocument> load_corpus(const std::filesystem::path& corpus_file) {
    std::vector<CorpusDocument> documents;
    for_each_json_line(corpus_file, [&](const JsonLine& line) {
        documents.push_back({line.id, string_member(line.object, "title"), string_member(line.object, "text")});
    });
    return documents;
}

Embeddings load_embeddings(const std::filesystem::path& file) {
    Embeddings embeddings;
    for_each_json_line(file, [&](const JsonLine& line) {
        const auto vector = line.embedding();
        if (!vector) line.fail("missing \"embedding\"");
        if (embeddings.ids.empty()) embeddings.dimension = vector->size();
        if (vector->size() != embeddings.dimension) {
            line.fail("embedding of dimension " + std::to_string(vector->size()) + ", expected " +
                      std::to_string(embeddings.dimension));
        }
        embeddings.ids.push_back(line.id);
        embeddings.rows.insert(embeddings.rows.end(), vector->begin(), vector->end());
    });
    return embeddings;
}

std::vector<Query> judged_queries(std::vector<Query> queries, const Qrels& qrels) {
    std::erase_if(queries, [&](const Query& query) { return !qrels.contains(query.id); });
    return queries;
}

}  // namespace braid::eval
