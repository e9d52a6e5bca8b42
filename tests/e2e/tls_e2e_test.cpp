// HTTPS: a certificate made at test time, curl as the client (it verifies the chain and the
// address), keep-alive and limits as over plain HTTP.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;

namespace {

struct Shell {
    int status;
    std::string output;
};

Shell shell(const TempDir& dir, const std::string& command) {
    const auto out = dir / "shell.out";
    const int status = std::system((command + " > " + out.string() + " 2>&1").c_str());
    std::ifstream in(out);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::string(std::istreambuf_iterator<char>(in), {})};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("braid serves HTTPS with a configured certificate - keep-alive and limits unchanged", "[e2e][tls]") {
    TempDir dir;
    const auto made = shell(dir, "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
                                 " -addext subjectAltName=IP:127.0.0.1 -keyout " + (dir / "key.pem").string() +
                                 " -out " + (dir / "cert.pem").string());
    INFO(made.output);
    REQUIRE(made.status == 0);
    const auto config = dir.write("braid.json", test_config(R"(, "tls": {"cert": "cert.pem", "key": "key.pem"})"));
    BraidServer server(config);
    const std::string base = "https://127.0.0.1:" + std::to_string(server.port());
    const std::string curl = "curl -sS --cacert " + (dir / "cert.pem").string() + " ";

    const auto two = shell(dir, curl + "-v " + base + "/health " + base + "/collections");
    INFO(two.output);
    CHECK(two.status == 0);
    CHECK(contains(two.output, "{\"status\":\"ok\"}"));
    CHECK(contains(two.output, "{\"collections\":[{\"name\":\"docs\",\"documents\":0}]}"));
    CHECK(contains(two.output, "Re-using existing connection"));  // keep-alive over TLS

    const auto put = shell(dir, curl + "-X PUT -H 'Content-Type: application/json' -d '{\"title\": \"secure\"}' " + base +
                                    "/collections/docs/documents/s1 -w ' %{http_code}'");
    CHECK(contains(put.output, " 201"));
    const auto big = dir.write("big.json", "{\"title\": \"" + std::string(70000, 'x') + "\"}");
    const auto too_big = shell(dir, curl + "-X PUT -H 'Content-Type: application/json' --data-binary @" + big.string() +
                                        " " + base + "/collections/docs/documents/s2 -o /dev/null -w '%{http_code}'");
    CHECK(too_big.output == "413");

    const auto unverified = shell(dir, "curl -sS " + base + "/health");
    CHECK(unverified.status == 60);  // curl: the peer's certificate cannot be verified
    const auto plain = shell(dir, "curl -sS --max-time 10 http://127.0.0.1:" + std::to_string(server.port()) + "/health");
    CHECK(plain.status != 0);
    CHECK(!contains(plain.output, "status"));
    CHECK(contains(shell(dir, curl + base + "/collections/docs/documents/s1").output, "secure"));  // still serving
}

TEST_CASE("a TLS key that cannot be read stops serve with the config path", "[e2e][tls]") {
    TempDir dir;
    const auto config = dir.write("braid.json", test_config(R"(, "tls": {"cert": "missing.pem", "key": "missing.key"})"));
    const auto result = run_braid({"serve", "--config", config.string()});
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "server.tls.cert"));
    CHECK(contains(result.err, "missing.pem"));
}
