#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/error.hpp"
#include "inference/factory.hpp"

using braid::inference::EmbedderSpec;
using braid::inference::RerankerSpec;

TEST_CASE("make_embedder builds each type and refuses bad settings naming the member", "[inference]") {
    EmbedderSpec spec;
    spec.service.url = "http://127.0.0.1:9/v1";
    for (const char* type : {"openai", "ollama", "tei"}) {
        spec.type = type;
        const auto e = braid::inference::make_embedder(spec);
        CHECK_THAT(e->describe(), Catch::StartsWith(std::string(type) + " embedder at http://127.0.0.1:9/v1/"));
    }
    auto refused = [](const EmbedderSpec& s, const std::string& path, const std::string& text) {
        try {
            braid::inference::make_embedder(s);
            FAIL("accepted");
        } catch (const braid::Error& e) {
            CHECK(e.kind() == braid::ErrorKind::invalid_argument);
            CHECK(e.path() == path);
            CHECK_THAT(e.what(), Catch::Contains(text));
        }
    };
    EmbedderSpec unknown = spec;
    unknown.type = "word2vec";
    refused(unknown, "type", "unknown embedder 'word2vec'");
    EmbedderSpec no_url = spec;
    no_url.type = "openai";
    no_url.service.url.clear();
    refused(no_url, "url", "required");
    EmbedderSpec no_key = spec;
    no_key.type = "openai";
    no_key.service.api_key_env = "BRAID_TEST_SURELY_UNSET_KEY";
    ::unsetenv("BRAID_TEST_SURELY_UNSET_KEY");
    refused(no_key, "api_key_env", "BRAID_TEST_SURELY_UNSET_KEY is not set");
    EmbedderSpec no_path;
    no_path.type = "static";
    refused(no_path, "path", "required for a static embedder");
    EmbedderSpec bad_url = spec;
    bad_url.type = "tei";
    bad_url.service.url = "127.0.0.1:8080";
    CHECK_THROWS_WITH(braid::inference::make_embedder(bad_url), Catch::Contains("invalid URL '127.0.0.1:8080/embed'"));
}

TEST_CASE("make_reranker builds cohere and tei rerankers", "[inference]") {
    RerankerSpec spec;
    spec.service.url = "https://api.example.com/v2";
    spec.type = "cohere";
    CHECK(braid::inference::make_reranker(spec)->describe() == "cohere reranker at https://api.example.com/v2/rerank");
    spec.type = "tei";
    CHECK(braid::inference::make_reranker(spec)->describe() == "tei reranker at https://api.example.com/v2/rerank");
    spec.type = "colbert";
    CHECK_THROWS_WITH(braid::inference::make_reranker(spec), Catch::Contains("unknown reranker 'colbert'"));
}
