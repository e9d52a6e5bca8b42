// vector.embedder and the top-level "rerankers": the model services braid calls.
#include <cctype>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "config/json_reader.hpp"
#include "config/parsers.hpp"

namespace braid::config {
namespace {

using detail::as_unsigned;
using detail::fail;
using detail::fail_expected;
using detail::ObjectReader;
using detail::as_choice;
using detail::as_string;

constexpr std::uint64_t kMaxBatch = 4096;
constexpr std::uint64_t kMaxConcurrency = 64;
constexpr std::uint64_t kMaxTimeoutMs = 600'000;
constexpr std::uint64_t kMaxRetries = 20;
constexpr std::uint64_t kMaxQueryCache = 10'000'000;

// A string that may be empty (prefixes).
std::string any_string(const boost::json::value& value, const std::string& path) {
    if (!value.is_string()) fail_expected(path, "a string", value);
    return std::string(value.get_string());
}

std::string service_url(const boost::json::value& value, const std::string& path) {
    std::string url = detail::as_string(value, path);
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        fail_expected(path, "an http:// or https:// URL", value);
    while (url.size() > 1 && url.back() == '/') url.pop_back();
    return url;
}

std::string env_name(const boost::json::value& value, const std::string& path) {
    std::string name = detail::as_string(value, path);
    for (const char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            fail_expected(path, "the name of an environment variable (letters, digits, '_')", value);
    }
    return name;
}

std::vector<std::string> source_fields(const boost::json::value& value, const std::string& path) {
    const auto* array = value.if_array();
    if (array == nullptr || array->empty()) fail_expected(path, "a non-empty array of text field names", value);
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < array->size(); ++i)
        fields.push_back(detail::as_safe_name((*array)[i], detail::element_path(path, i), "a field name"));
    return fields;
}

}  // namespace

RerankerConfig parse_reranker(const boost::json::value& value, const std::string& path, std::string name) {
    const ObjectReader reader(value, path,
                              {"type", "url", "model", "api_key_env", "ca_file", "timeout_ms", "max_retries"});
    RerankerConfig reranker;
    reranker.name = std::move(name);
    reranker.type = detail::as_choice(reader.require("type", "\"cohere\" or \"tei\""), reader.path_of("type"),
                                      {"cohere", "tei"});
    reranker.url = service_url(reader.require("url", "the service's base URL"), reader.path_of("url"));
    if (const auto* v = reader.find("model")) reranker.model = detail::as_string(*v, reader.path_of("model"));
    if (const auto* v = reader.find("api_key_env")) reranker.api_key_env = env_name(*v, reader.path_of("api_key_env"));
    if (const auto* v = reader.find("ca_file")) reranker.ca_file = detail::as_string(*v, reader.path_of("ca_file"));
    if (const auto* v = reader.find("timeout_ms")) {
        reranker.timeout_ms = static_cast<unsigned>(
            as_unsigned(*v, reader.path_of("timeout_ms"), 1, kMaxTimeoutMs, "an integer from 1 to 600000"));
    }
    if (const auto* v = reader.find("max_retries")) {
        reranker.max_retries =
            static_cast<unsigned>(as_unsigned(*v, reader.path_of("max_retries"), 0, kMaxRetries, "an integer from 0 to 20"));
    }
    return reranker;
}

namespace detail {

std::vector<RerankerConfig> parse_rerankers(const boost::json::value& value, const std::string& path) {
    const auto* object = value.if_object();
    if (object == nullptr) fail_expected(path, "an object of rerankers by name", value);
    std::vector<RerankerConfig> rerankers;
    for (const auto& member : *object) {
        const std::string name(member.key());
        const std::string reranker_path = member_path(path, name);
        if (!is_safe_name(name)) {
            fail(reranker_path, "expected a reranker name of 1-128 letters, digits, '_', '.' or '-', got \"" + name + "\"");
        }
        rerankers.push_back(parse_reranker(member.value(), reranker_path, name));
    }
    return rerankers;
}

EmbedderConfig parse_embedder(const boost::json::value& value, const std::string& path, std::size_t dimension,
                              const std::filesystem::path& base_dir) {
    const ObjectReader reader(value, path,
                              {"type", "url", "model", "api_key_env", "ca_file", "path", "source", "document_prefix",
                               "query_prefix", "dimensions", "batch_size", "max_concurrency", "timeout_ms",
                               "max_retries", "query_cache", "on_embedder_error"});
    EmbedderConfig embedder;
    embedder.type = as_choice(reader.require("type", "\"openai\", \"ollama\", \"tei\" or \"static\""),
                              reader.path_of("type"), {"openai", "ollama", "tei", "static"});
    const bool local = embedder.type == "static";
    if (local) {
        embedder.path = resolve_path(as_string(reader.require("path", "the model folder"), reader.path_of("path")), base_dir);
        for (const auto* key : {"url", "model", "api_key_env", "ca_file"}) {
            if (reader.find(key)) fail(reader.path_of(key), "a static embedder runs in braid and calls no service");
        }
    } else {
        if (reader.find("path")) fail(reader.path_of("path"), "only a static embedder reads a model folder");
        embedder.url = service_url(reader.require("url", "the service's base URL"), reader.path_of("url"));
        if (const auto* v = reader.find("model")) embedder.model = as_string(*v, reader.path_of("model"));
        if (embedder.type != "tei" && embedder.model.empty())
            fail(reader.path_of("model"), "missing (expected the model name the service knows)");
        if (const auto* v = reader.find("api_key_env")) embedder.api_key_env = env_name(*v, reader.path_of("api_key_env"));
        if (const auto* v = reader.find("ca_file")) embedder.ca_file = resolve_path(as_string(*v, reader.path_of("ca_file")), base_dir);
    }
    if (const auto* v = reader.find("source")) embedder.source = source_fields(*v, reader.path_of("source"));
    if (const auto* v = reader.find("document_prefix")) embedder.document_prefix = any_string(*v, reader.path_of("document_prefix"));
    if (const auto* v = reader.find("query_prefix")) embedder.query_prefix = any_string(*v, reader.path_of("query_prefix"));
    embedder.dimensions = dimension;
    if (const auto* v = reader.find("dimensions")) {
        const auto dimensions = as_unsigned(*v, reader.path_of("dimensions"), 1, 65536, "a positive integer");
        if (dimensions != dimension) {
            fail(reader.path_of("dimensions"), "must equal vector.dimension (" + std::to_string(dimension) + "), got " +
                                                   std::to_string(dimensions));
        }
    }
    if (const auto* v = reader.find("batch_size"))
        embedder.batch_size = as_unsigned(*v, reader.path_of("batch_size"), 1, kMaxBatch, "an integer from 1 to 4096");
    if (const auto* v = reader.find("max_concurrency")) {
        embedder.max_concurrency =
            as_unsigned(*v, reader.path_of("max_concurrency"), 1, kMaxConcurrency, "an integer from 1 to 64");
    }
    if (const auto* v = reader.find("timeout_ms")) {
        embedder.timeout_ms = static_cast<unsigned>(
            as_unsigned(*v, reader.path_of("timeout_ms"), 1, kMaxTimeoutMs, "an integer from 1 to 600000"));
    }
    if (const auto* v = reader.find("max_retries")) {
        embedder.max_retries =
            static_cast<unsigned>(as_unsigned(*v, reader.path_of("max_retries"), 0, kMaxRetries, "an integer from 0 to 20"));
    }
    if (const auto* v = reader.find("query_cache")) {
        embedder.query_cache =
            as_unsigned(*v, reader.path_of("query_cache"), 0, kMaxQueryCache, "an integer from 0 to 10000000");
    }
    if (const auto* v = reader.find("on_embedder_error"))
        embedder.on_embedder_error = as_choice(*v, reader.path_of("on_embedder_error"), {"error", "lexical"});
    return embedder;
}

}  // namespace detail

boost::json::value to_json(const EmbedderConfig& embedder) {
    boost::json::object out{{"type", embedder.type}};
    if (embedder.type == "static") {
        out["path"] = embedder.path;
    } else {
        out["url"] = embedder.url;
        if (!embedder.model.empty()) out["model"] = embedder.model;
        if (!embedder.api_key_env.empty()) out["api_key_env"] = embedder.api_key_env;  // the variable's name, never the key
        if (!embedder.ca_file.empty()) out["ca_file"] = embedder.ca_file;
    }
    boost::json::array source;
    for (const auto& field : embedder.source) source.emplace_back(field);
    if (!source.empty()) out["source"] = std::move(source);
    out["document_prefix"] = embedder.document_prefix;
    out["query_prefix"] = embedder.query_prefix;
    out["dimensions"] = embedder.dimensions;
    out["batch_size"] = embedder.batch_size;
    out["max_concurrency"] = embedder.max_concurrency;
    out["timeout_ms"] = embedder.timeout_ms;
    out["max_retries"] = embedder.max_retries;
    out["query_cache"] = embedder.query_cache;
    out["on_embedder_error"] = embedder.on_embedder_error;
    return out;
}

boost::json::value to_json(const RerankerConfig& reranker) {
    boost::json::object out{{"type", reranker.type}, {"url", reranker.url}};
    if (!reranker.model.empty()) out["model"] = reranker.model;
    if (!reranker.api_key_env.empty()) out["api_key_env"] = reranker.api_key_env;
    if (!reranker.ca_file.empty()) out["ca_file"] = reranker.ca_file;
    out["timeout_ms"] = reranker.timeout_ms;
    out["max_retries"] = reranker.max_retries;
    return out;
}

}  // namespace braid::config
