// The README's first walk-through ("A first collection, through the API alone") run as it stands:
// its config line starts a real server, its curl block runs in bash against it (with `curl -s`
// told to end each answer with a newline, and localhost:7700 pointed at the test's port), and each
// answer is checked against what the walk-through says it is.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

#include "tests/e2e/e2e_helpers.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/skip.hpp"

namespace braid::e2e {
namespace {

using test_support::BraidServer;
using test_support::TempDir;

std::string readme() {
    std::ifstream in(std::string(BRAID_SOURCE_DIR) + "/README.md", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Runs `script` with bash in `dir`; returns its standard output (the test fails on a non-zero exit).
std::string run_bash(const std::filesystem::path& dir, const std::string& script) {
    const auto file = dir / "walkthrough.sh";
    std::ofstream(file) << "set -euo pipefail\n" << script;
    const std::string command = "cd '" + dir.string() + "' && bash '" + file.string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    const int status = ::pclose(pipe);
    INFO(out);
    REQUIRE(status == 0);
    return out;
}

}  // namespace

TEST_CASE("the README walk-through creates, loads, searches and reads a collection through the API alone",
          "[e2e][readme]") {
    if (!test_support::on_path("curl")) BRAID_SKIP("curl is not installed (scripts/setup.sh installs it)");
    const std::string text = readme();
    const auto section = text.find("## A first collection, through the API alone");
    REQUIRE(section != std::string::npos);
    // The config the walk-through writes, with port 0 for a free port.
    std::smatch config_line;
    const std::string intro = text.substr(section, text.find("<!-- walkthrough:start", section) - section);
    REQUIRE(std::regex_search(intro, config_line, std::regex(R"(echo '(\{.*\})' > braid\.json)")));
    const std::string config_text = replaced(config_line[1].str(), "\"port\": 7700", "\"port\": 0");
    REQUIRE(config_text != config_line[1].str());

    const auto start = text.find("```sh\n", text.find("<!-- walkthrough:start", section));
    const auto end = text.find("```\n<!-- walkthrough:end -->", start);
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string block = text.substr(start + 6, end - start - 6);

    TempDir dir;
    BraidServer server(dir.write("braid.json", config_text));
    std::string script = replaced(block, "localhost:7700", "127.0.0.1:" + std::to_string(server.port()));
    script = replaced(script, "curl -s ", "curl -s -w '\\n' ");
    std::vector<json::value> answers;
    std::istringstream lines(run_bash(dir.path(), script));
    for (std::string line; std::getline(lines, line);) answers.push_back(json::parse(line));
    REQUIRE(answers.size() == 6);

    CHECK(answers[0].at("name") == "notes");                      // 1. created
    CHECK(answers[0].at("schema").at("id_field") == "id");
    CHECK(answers[1] == json::parse(R"({"indexed":3,"failed":0,"errors":[]})"));  // 2. loaded
    CHECK(hit_ids(answers[2]) == std::vector<std::string>{"n1", "n3"});         // 3. searched
    CHECK(answers[2].at("fusion").is_null());
    CHECK(answers[2].at("hits").at(0).at("lexical").at("rank") == 1);
    CHECK(hit_ids(answers[3]) == std::vector<std::string>{"n3"});
    CHECK(answers[4].at("id") == "n1");                                         // 4. read
    CHECK(answers[4].at("document").at("id") == "n1");
    CHECK(answers[4].at("document").at("title") == "Cats sleep all day");
    const auto& page = answers[5].as_object();
    REQUIRE(page.at("documents").as_array().size() == 2);
    CHECK(page.at("documents").at(0).at("id") == "n1");
    CHECK(page.at("documents").at(1).at("id") == "n2");
    CHECK(page.at("next_cursor") == "bjI");  // as the README shows it
}

}  // namespace braid::e2e
