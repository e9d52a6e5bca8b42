// Synonyms, the new stopword lists and the Arabic/Persian normalization filters over HTTP: a
// server whose analyzers use them, the documents' expected hits derived from their text here,
// explain's synonym clauses, and the config errors (file, line and JSON path) that stop serve.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_helpers.hpp"

using namespace braid::e2e;

namespace {

constexpr const char* kSynonymsFile =
    "# medical terms\n"
    "feline, kitty => cat\n"
    "bp, blood pressure\n";

std::string config_with(const std::string& analyzers) {
    return R"({"server": {"host": "127.0.0.1", "port": 0, "data_dir": "data", "threads": 2},
  "analyzers": )" + analyzers + R"(,
  "collections": [{"name": "med", "fields": {"text": {"type": "text", "analyzer": "med"},
                                             "ar": {"type": "text", "analyzer": "ar"},
                                             "fa": {"type": "text", "analyzer": "fa"}}}]})";
}

const std::string kAnalyzers = R"({
    "med": {"filters": ["nfkc_casefold",
                        {"synonyms": {"sets": [["heart attack", "myocardial infarction", "mi"]], "path": "lists/syn.txt"}},
                        {"stop": "english"}, {"stem": "english"}]},
    "ar": {"filters": ["nfkc_casefold", {"stop": "arabic"}, "arabic_normalization"]},
    "fa": {"filters": ["nfkc_casefold", "persian_normalization"]}})";

struct MedServer {
    braid::test_support::TempDir dir{"braid-e2e-syn"};
    std::unique_ptr<braid::test_support::BraidServer> server;

    MedServer() {
        dir.write("lists/syn.txt", kSynonymsFile);
        server = std::make_unique<braid::test_support::BraidServer>(dir.write("braid.json", config_with(kAnalyzers)));
        const std::vector<std::string> texts{
            "Heart attacks are common",         // m0
            "Myocardial infarction risk factors",  // m1
            "MI and risk",                      // m2
            "the attack of the heart",          // m3: both words, not the phrase
            "risk of cats",                     // m4
            "a kitty and a feline",             // m5
            "Blood pressure at rest",           // m6
            "risk of high bp",                  // m7
        };
        std::string ndjson;
        for (std::size_t i = 0; i < texts.size(); ++i)
            ndjson += json::serialize(json::object{{"id", std::string(1, 'm').append(std::to_string(i))}, {"text", texts[i]}}) + "\n";
        ndjson += json::serialize(json::object{{"id", "a0"}, {"ar", "أحمد في المدرسة"}}) + "\n";
        ndjson += json::serialize(json::object{{"id", "f0"}, {"fa", "کتاب می\u200cخواهم"}}) + "\n";
        Client c = client();
        const auto bulk = c.request("POST", "/collections/med/documents/_bulk", ndjson, "application/x-ndjson");
        INFO(bulk.body);
        REQUIRE(bulk.status == 200);
    }
    Client client() const { return Client("127.0.0.1", server->port()); }
};

json::object query(const std::string& text, const std::string& op = "or", const std::string& syntax = "plain") {
    return {{"query", text}, {"operator", op}, {"syntax", syntax}, {"k", 50}, {"fields", {{"text", 1}}}};
}

std::set<std::string> ids(std::initializer_list<const char*> list) { return {list.begin(), list.end()}; }

std::string serve_error(const braid::test_support::TempDir& dir, const std::string& name, const std::string& analyzers) {
    const auto config = dir.write(name, config_with(analyzers));
    const auto run = braid::test_support::run_braid({"serve", "--config", config.string()});
    CHECK(run.exit_code != 0);
    return run.err;
}

}  // namespace

TEST_CASE("synonyms expand queries: multi-word entries as phrases, combined by the operator", "[e2e][synonyms]") {
    MedServer server;
    auto c = server.client();
    // Any of the three forms finds all three ways of writing it (stemmed: "Heart Attacks").
    const auto heart = ids({"m0", "m1", "m2"});
    CHECK(id_set(search_ok(c, query("heart attack"), "med")) == heart);
    CHECK(id_set(search_ok(c, query("Heart Attacks"), "med")) == heart);
    CHECK(id_set(search_ok(c, query("mi"), "med")) == heart);
    CHECK(id_set(search_ok(c, query("myocardial infarction"), "med")) == heart);
    // (synonyms) AND risk; (synonyms) OR risk.
    CHECK(id_set(search_ok(c, query("heart attack risk", "and"), "med")) == ids({"m1", "m2"}));
    CHECK(id_set(search_ok(c, query("heart attack risk", "or"), "med")) == ids({"m0", "m1", "m2", "m4", "m7"}));
    // The simple syntax expands bare words across clauses; quoted phrases and +/- words stay as written.
    CHECK(id_set(search_ok(c, query("heart attack risk", "and", "simple"), "med")) == ids({"m1", "m2"}));
    CHECK(id_set(search_ok(c, query("heart attack -risk", "or", "simple"), "med")) == ids({"m0"}));
    CHECK(id_set(search_ok(c, query("\"heart attack\"", "or", "simple"), "med")) == ids({"m0"}));
    // The file's rules: feline => cat replaces (kitty and feline themselves are not searched).
    CHECK(id_set(search_ok(c, query("feline"), "med")) == ids({"m4"}));
    CHECK(id_set(search_ok(c, query("bp"), "med")) == ids({"m6", "m7"}));
    CHECK(id_set(search_ok(c, query("blood pressure"), "med")) == ids({"m6", "m7"}));
}

TEST_CASE("explain shows a synonyms clause and its parts", "[e2e][synonyms]") {
    MedServer server;
    auto c = server.client();
    auto body = query("heart attack risk", "and");
    body["explain"] = true;
    const auto answer = search_ok(c, body, "med");
    CHECK(answer.at("explain").at("query_clauses") ==
          json::parse(R"j([["(\"heart attack\" | \"myocardi infarct\" | mi)", "risk"]])j"));
    for (const auto& hit : answer.at("hits").as_array()) {
        double sum = 0;
        bool synonym = false;
        for (const auto& term : hit.at("explanation").at("terms").as_array()) {
            sum += term.at("score").to_number<double>();
            synonym = synonym || term.at("clause").as_string().starts_with("(\"heart attack\"");
        }
        CHECK(synonym);
        CHECK(sum == Approx(hit.at("score").to_number<double>()).epsilon(1e-5));
    }
}

TEST_CASE("arabic stopwords and arabic/persian normalization over HTTP", "[e2e][synonyms][arabic]") {
    MedServer server;
    auto c = server.client();
    const auto search = [&](const char* field, const std::string& text) {
        return id_set(search_ok(c, {{"query", text}, {"fields", {{field, 1}}}, {"k", 10}}, "med"));
    };
    CHECK(search("ar", "احمد") == ids({"a0"}));    // أحمد: hamza alef folded on both sides
    CHECK(search("ar", "المدرسه") == ids({"a0"}));  // teh marbuta as heh
    CHECK(search("ar", "في").empty());               // a stopword: no term left
    CHECK(search("fa", "كتاب") == ids({"f0"}));      // keheh as kaf
    CHECK(search("fa", "ميخواهم") == ids({"f0"}));   // farsi yeh; the ZWNJ joins
}

TEST_CASE("synonyms config errors stop serve naming the file, the line and the JSON path", "[e2e][synonyms][config]") {
    braid::test_support::TempDir dir("braid-e2e-syn-config");
    dir.write("bad.txt", "a, b\nc =>\n");
    std::string err = serve_error(dir, "line.json",
                                  R"({"med": {"filters": [{"synonyms": {"path": "bad.txt"}}]}, "ar": {}, "fa": {}})");
    CHECK(err.find("line.json: analyzers.med.filters[0].synonyms.path: " + (dir.path() / "bad.txt").string() +
                   " line 2: an empty entry after \"=>\"") != std::string::npos);
    err = serve_error(dir, "missing.json", R"({"med": {"filters": [{"synonyms": {"path": "nope.txt"}}]}, "ar": {}, "fa": {}})");
    CHECK(err.find("missing.json: analyzers.med.filters[0].synonyms.path: cannot read the synonyms file") != std::string::npos);
    // An entry the chain drops (a stopword) names its set.
    err = serve_error(dir, "stop.json",
                      R"({"med": {"filters": ["nfkc_casefold", {"stop": "english"}, {"synonyms": {"sets": [["heart", "the"]]}}]},
                          "ar": {}, "fa": {}})");
    CHECK(err.find("stop.json: analyzers.med.filters[2].synonyms.sets[0]: sets[0]: the entry \"the\" analyzes to no terms") !=
          std::string::npos);
    err = serve_error(dir, "member.json", R"({"med": {"filters": [{"synonyms": {"sets": [["a"]]}}]}, "ar": {}, "fa": {}})");
    CHECK(err.find("member.json: analyzers.med.filters[0].synonyms.sets[0]: expected an array of at least two") != std::string::npos);
    err = serve_error(dir, "norm.json", R"({"med": {"filters": ["arabic_normalisation"]}, "ar": {}, "fa": {}})");
    CHECK(err.find("analyzers.med.filters[0]: unknown filter \"arabic_normalisation\" (did you mean \"arabic_normalization\"?)") !=
          std::string::npos);
    err = serve_error(dir, "stoplist.json", R"({"med": {"filters": [{"stop": "klingon"}]}, "ar": {}, "fa": {}})");
    CHECK(err.find("analyzers.med.filters[0].stop: unknown stopword list \"klingon\"") != std::string::npos);
    CHECK(err.find("yiddish") != std::string::npos);
}
