#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "net/http_client.hpp"
#include "net/net_error.hpp"
#include "tests/net/client_test_support.hpp"
#include "tests/net/self_signed.hpp"
#include "tests/net/stand_in_server.hpp"
#include "tests/support/temp_dir.hpp"

using braid::net::FailureCause;
using braid::net::HttpClient;
using braid::net::NetError;
using braid::net::Request;
using braid::test::Reply;
using braid::test::ReceivedRequest;
using braid::test::StandInServer;

namespace {

Request post(const std::string& url) {
    Request r;
    r.url = url;
    r.body = "{\"input\":\"tls\"}";
    return r;
}

Reply echo(const ReceivedRequest& req) { return Reply::json(req.body); }

braid::net::ClientOptions options_with_ca(const std::string& ca_file) {
    auto options = braid::test::recorded_options(std::make_shared<braid::test::SleepLog>(), 2);
    options.ca_file = ca_file;
    return options;
}

}  // namespace

TEST_CASE("https to a certificate trusted through ca_file works and keeps the connection", "[net][tls]") {
    braid::test_support::TempDir dir("braid-tls");
    const auto identity = braid::test::make_self_signed(dir.path(), "DNS:localhost,IP:127.0.0.1");
    StandInServer server(echo, &identity);
    HttpClient client(options_with_ca(identity.cert_file));
    for (int i = 0; i < 3; ++i) {
        const auto r = client.send(post(server.url("/embeddings")));
        CHECK(r.status == 200);
        CHECK(r.body == "{\"input\":\"tls\"}");
    }
    CHECK(server.connections_accepted() == 1);
    // By name (SNI and DNS name check) as well as by address.
    const auto by_name = client.send(post("https://localhost:" + std::to_string(server.port()) + "/embeddings"));
    CHECK(by_name.status == 200);
    // SNI is sent for a host name, never for an IP literal (RFC 6066).
    CHECK(server.server_names() == std::vector<std::string>{"", "localhost"});
}

TEST_CASE("https to a self-signed certificate is rejected without ca_file, and not retried", "[net][tls]") {
    braid::test_support::TempDir dir("braid-tls");
    const auto identity = braid::test::make_self_signed(dir.path(), "DNS:localhost,IP:127.0.0.1");
    StandInServer server(echo, &identity);
    auto log = std::make_shared<braid::test::SleepLog>();
    HttpClient client(braid::test::recorded_options(log, 3));  // system CAs
    try {
        client.send(post(server.url("/embeddings")));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::tls);
        CHECK_FALSE(e.unavailable());
        const std::string message = e.what();
        CHECK(message.find(server.url("/embeddings")) != std::string::npos);
        CHECK(message.find("certificate verification failed") != std::string::npos);
    }
    CHECK(server.requests_received() == 0);
    CHECK(log->all().empty());
}

TEST_CASE("https rejects a trusted certificate issued for another host name", "[net][tls]") {
    braid::test_support::TempDir dir("braid-tls");
    const auto identity = braid::test::make_self_signed(dir.path(), "DNS:models.example.org");
    StandInServer server(echo, &identity);
    HttpClient client(options_with_ca(identity.cert_file));
    for (const std::string& url : {server.url("/e"), "https://localhost:" + std::to_string(server.port()) + "/e"}) {
        INFO(url);
        try {
            client.send(post(url));
            FAIL("no error");
        } catch (const NetError& e) {
            CHECK(e.cause() == FailureCause::tls);
            CHECK(std::string(e.what()).find("mismatch") != std::string::npos);
        }
    }
    CHECK(server.requests_received() == 0);
}

TEST_CASE("an unreadable ca_file is reported as such", "[net][tls]") {
    braid::test_support::TempDir dir("braid-tls");
    const auto identity = braid::test::make_self_signed(dir.path(), "IP:127.0.0.1");
    StandInServer server(echo, &identity);
    const std::string missing = (dir.path() / "nope.pem").string();
    HttpClient client(options_with_ca(missing));
    try {
        client.send(post(server.url("/e")));
        FAIL("no error");
    } catch (const NetError& e) {
        CHECK(e.cause() == FailureCause::tls);
        CHECK(std::string(e.what()).find("cannot load ca_file '" + missing + "'") != std::string::npos);
    }
}
