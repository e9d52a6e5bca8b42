// NDJSON bulk bodies against an in-memory collection: never a crash, every non-blank line is
// either indexed or reported, and what was indexed can be searched.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>

#include "config/config.hpp"
#include "core/error.hpp"
#include "engine/catalog.hpp"

namespace {

braid::engine::Catalog& catalog() {
    static braid::engine::Catalog instance({}, braid::analyzers::AnalyzerRegistry::with_builtins());
    return instance;
}

std::shared_ptr<braid::engine::Collection> make_collection() {
    static int n = 0;
    const auto schema = braid::config::parse_collection(boost::json::parse(R"({
        "id_field": "id",
        "fields": {"title": {"type": "text", "analyzer": "english"}, "tag": {"type": "keyword"},
                   "year": {"type": "integer"}, "price": {"type": "float"}, "ok": {"type": "bool"}},
        "vector": {"field": "embedding", "dimension": 3, "metric": "cosine",
                   "index": {"type": "hnsw", "m": 8, "ef_construction": 40, "ef_search": 20}}
    })"), "fuzz", "fuzz" + std::to_string(n++));
    return catalog().create(schema);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto collection = make_collection();
    std::size_t lines = 0;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        auto line = body.substr(start, end - start);
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++lines;
        start = end + 1;
    }
    const auto result = collection->bulk(body);
    if (result.indexed + result.failed != lines) std::abort();
    if (result.errors.size() != result.failed) std::abort();
    braid::engine::SearchRequest request;
    request.query = "a";
    (void)collection->search(request);
    catalog().drop(collection->schema().name);
    return 0;
}
