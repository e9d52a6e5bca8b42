#include "inference/remote_embedder.hpp"

#include <boost/json.hpp>

#include "net/url.hpp"

namespace braid::inference {

namespace json = boost::json;

namespace {

const char* path_of(EmbeddingProtocol p) {
    switch (p) {
        case EmbeddingProtocol::openai: return "embeddings";
        case EmbeddingProtocol::ollama: return "api/embed";
        case EmbeddingProtocol::tei: return "embed";
    }
    return "";
}

const char* name_of(EmbeddingProtocol p) {
    switch (p) {
        case EmbeddingProtocol::openai: return "openai embedder";
        case EmbeddingProtocol::ollama: return "ollama embedder";
        case EmbeddingProtocol::tei: return "tei embedder";
    }
    return "";
}

}  // namespace

RemoteEmbedder::RemoteEmbedder(RemoteEmbedderSpec spec, EmbedderOptions options, std::shared_ptr<net::HttpClient> client)
    : Embedder(std::move(options)), spec_(std::move(spec)) {
    endpoint_.role = "embedder";
    endpoint_.label = name_of(spec_.protocol);
    endpoint_.url = net::join_url(spec_.url, path_of(spec_.protocol));
    net::parse_url(endpoint_.url);  // a bad URL fails here, at configuration time
    endpoint_.api_key = spec_.api_key;
    endpoint_.client = std::move(client);
}

std::vector<std::vector<float>> RemoteEmbedder::embed_batch(std::span<const std::string> texts) const {
    json::array input;
    input.reserve(texts.size());
    for (const auto& t : texts) input.emplace_back(t);
    json::object body;
    switch (spec_.protocol) {
        case EmbeddingProtocol::openai:
            body["model"] = spec_.model;
            body["input"] = std::move(input);
            if (options().dimensions != 0) body["dimensions"] = options().dimensions;
            return parse_openai(post_json(endpoint_, body), texts.size());
        case EmbeddingProtocol::ollama: {
            body["model"] = spec_.model;
            body["input"] = std::move(input);
            const json::value answer = post_json(endpoint_, body);
            const json::value* list = answer.is_object() ? answer.as_object().if_contains("embeddings") : nullptr;
            if (list == nullptr) bad_answer(endpoint_, "the answer has no `embeddings` array");
            return parse_list(*list, texts.size(), "embeddings");
        }
        case EmbeddingProtocol::tei:
            body["inputs"] = std::move(input);
            return parse_list(post_json(endpoint_, body), texts.size(), "the answer");
    }
    return {};
}

std::vector<std::vector<float>> RemoteEmbedder::parse_list(const json::value& list, std::size_t n, const char* what) const {
    if (!list.is_array()) bad_answer(endpoint_, std::string(what) + " is not an array of vectors");
    if (list.as_array().size() != n) {
        bad_answer(endpoint_, std::string(what) + " holds " + std::to_string(list.as_array().size()) + " vectors for " +
                                  std::to_string(n) + " texts");
    }
    std::vector<std::vector<float>> out;
    out.reserve(n);
    for (const auto& v : list.as_array()) out.push_back(to_floats(endpoint_, v, "an embedding"));
    return out;
}

std::vector<std::vector<float>> RemoteEmbedder::parse_openai(const json::value& answer, std::size_t n) const {
    const json::value* data = answer.is_object() ? answer.as_object().if_contains("data") : nullptr;
    if (data == nullptr || !data->is_array()) bad_answer(endpoint_, "the answer has no `data` array");
    if (data->as_array().size() != n) {
        bad_answer(endpoint_, "`data` holds " + std::to_string(data->as_array().size()) + " items for " +
                                  std::to_string(n) + " texts");
    }
    std::vector<std::vector<float>> out(n);
    std::vector<bool> seen(n, false);
    std::size_t position = 0;
    for (const auto& item : data->as_array()) {
        if (!item.is_object()) bad_answer(endpoint_, "`data` holds a non-object");
        const auto& o = item.as_object();
        // Items carry their input's `index` and may come in any order.
        std::size_t index = position++;
        if (const auto* i = o.if_contains("index"); i != nullptr) {
            if (!i->is_int64() || i->as_int64() < 0 || static_cast<std::size_t>(i->as_int64()) >= n) {
                bad_answer(endpoint_, "`data[].index` out of range");
            }
            index = static_cast<std::size_t>(i->as_int64());
        }
        if (seen[index]) bad_answer(endpoint_, "`data` holds index " + std::to_string(index) + " twice");
        seen[index] = true;
        const auto* embedding = o.if_contains("embedding");
        if (embedding == nullptr) bad_answer(endpoint_, "`data[" + std::to_string(index) + "]` has no `embedding`");
        if (embedding->is_string()) bad_answer(endpoint_, "base64 embeddings are not supported; the service must answer floats");
        out[index] = to_floats(endpoint_, *embedding, "an embedding");
    }
    return out;
}

}  // namespace braid::inference
