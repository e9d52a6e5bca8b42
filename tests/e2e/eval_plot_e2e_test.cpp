// `braid eval --grid --plot nDCG.svg`: the SVG parses as XML and its points are the figures of
// the same run (tests/e2e/check_plot_svg.py compares it with the run's --json output).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
namespace json = boost::json;

TEST_CASE("eval --grid --plot draws every grid point as the run measured it", "[e2e][cli][eval]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config());
    dir.write("corpus.jsonl", corpus_ndjson(30));
    REQUIRE(run_braid({"index", "--config", config.string()}).exit_code == 0);
    std::string queries;
    for (const auto& [id, text, doc] : {std::tuple{"q1", "document dog", 0}, std::tuple{"q2", "jumping cat", 5},
                                        std::tuple{"q3", "garden", 11}}) {
        queries += json::serialize(json::object{{"_id", id}, {"text", text}, {"embedding", embedding_of(doc + 7)}}) + "\n";
    }
    dir.write("beir/queries.jsonl", queries);
    dir.write("beir/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td0\t1\nq2\td5\t2\nq2\td9\t1\nq3\td11\t1\n");
    const auto plot = dir.path() / "nDCG.svg";

    const auto refused = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir",
                                    (dir.path() / "beir").string(), "--plot", plot.string()});
    CHECK(refused.exit_code != 0);
    CHECK(refused.err.find("--grid") != std::string::npos);

    const auto run = run_braid({"eval", "--config", config.string(), "--collection", "docs", "--beir",
                                (dir.path() / "beir").string(), "--grid", "--json", "--plot", plot.string()});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = dir.write("eval.json", run.out);
    REQUIRE(std::filesystem::exists(plot));

    const std::string check = "python3 " + std::string(BRAID_SOURCE_DIR) + "/tests/e2e/check_plot_svg.py " +
                              plot.string() + " " + report.string() + " > " + (dir / "check.out").string() + " 2>&1";
    const int status = std::system(check.c_str());
    std::ifstream said(dir / "check.out");
    INFO(std::string(std::istreambuf_iterator<char>(said), {}));
    CHECK(status == 0);
}
