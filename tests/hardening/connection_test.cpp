// Raw-socket abuse: oversized bodies, media types, chunked bodies, pipelining, stalled clients
// and garbage bytes. Each misbehaving connection is dealt with alone; others are served.
#include <chrono>
#include <string>
#include <thread>

#include "tests/hardening/hardening_support.hpp"

using namespace braid::hardening;
using namespace std::chrono_literals;
using braid::test_support::json_of;

namespace {

constexpr auto slack = 3s;  // beyond request_timeout_ms for a loaded machine

RawResponse require_response(RawConnection& connection, unsigned status) {
    const auto response = connection.read_response();
    REQUIRE(response.has_value());
    INFO(response->body);
    CHECK(response->status == status);
    return *response;
}

void require_error_body(const RawResponse& response, const std::string& type) {
    INFO(response.body);
    const auto body = boost::json::parse(response.body);
    CHECK(body.at("error").at("type") == type.c_str());
    CHECK_FALSE(body.at("error").at("message").as_string().empty());
}

std::string chunked(const std::string& body, std::size_t piece) {
    std::string out;
    char size[32];
    for (std::size_t at = 0; at < body.size(); at += piece) {
        const auto part = body.substr(at, piece);
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        out += size + part + "\r\n";
    }
    return out + "0\r\n\r\n";
}

}  // namespace

TEST_CASE("a body over max_body_bytes is 413 and the connection behaves", "[hardening][limits]") {
    const auto port = shared_server().port();
    const std::string big(70000, 'a');
    SECTION("with Content-Length: the answer can be read") {
        RawConnection connection(port);
        connection.send(http_request("POST", "/collections/docs/search", R"({"query":")" + big + "\"}"));
        require_error_body(require_response(connection, 413), "payload_too_large");
        // Then either the same connection still works or it is closed; never left hanging.
        if (connection.send(http_request("GET", "/health"))) {
            const auto next = connection.read_response(slack);
            if (next) CHECK(next->status == 200);
            else CHECK(connection.closed_within(slack));
        }
    }
    SECTION("announced but not sent: answered at once from the header") {
        RawConnection connection(port);
        connection.send("POST /collections/docs/documents/_bulk HTTP/1.1\r\nHost: x\r\n"
                        "Content-Type: application/x-ndjson\r\nContent-Length: 100000000\r\n\r\n");
        require_error_body(require_response(connection, 413), "payload_too_large");
    }
    SECTION("chunked, no length announced") {
        RawConnection connection(port);
        connection.send("POST /collections/docs/documents/_bulk HTTP/1.1\r\nHost: x\r\n"
                        "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n" +
                        chunked(big, 4096));
        require_error_body(require_response(connection, 413), "payload_too_large");
    }
    require_healthy();
}

TEST_CASE("wrong or missing Content-Type is 415 on every route with a body", "[hardening]") {
    auto c = client();
    require_error(c.request("PUT", "/collections/docs/documents/ct", R"({"title":"t"})", "text/plain"), 415);
    require_error(c.request("PUT", "/collections/ct", R"({"fields":{}})", "application/xml"), 415);
    require_error(c.request("POST", "/_analyze", R"({"text":"t"})", "multipart/form-data"), 415);
    require_error(c.request("POST", "/collections/docs/documents/_bulk", "{\"id\":\"ct\"}\n", "text/csv"), 415);
    require_error(c.request("POST", "/collections/docs/search", R"({"query":"cat"})", "application/jsonx"), 415);
    // No Content-Type header at all, over a raw socket.
    RawConnection connection(shared_server().port());
    connection.send(http_request("POST", "/collections/docs/search", R"({"query":"cat"})", ""));
    require_error_body(require_response(connection, 415), "unsupported_media_type");
    CHECK(c.request("GET", "/collections/docs/documents/ct").status == 404);
    require_healthy();
}

TEST_CASE("a chunked request body is read like any other", "[hardening]") {
    RawConnection connection(shared_server().port());
    const std::string search = R"({"query":"cat dog","k":3})";
    connection.send("POST /collections/docs/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n" + chunked(search, 5));
    const auto answer = require_response(connection, 200);
    CHECK(boost::json::parse(answer.body).at("hits").as_array().size() == 3);
    const std::string bulk = R"({"id":"ch1","title":"chunked one"})" "\n" R"({"id":"ch2","title":"chunked two"})" "\n";
    connection.send("POST /collections/docs/documents/_bulk HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(bulk, 7));
    CHECK(boost::json::parse(require_response(connection, 200).body).at("indexed") == 2);
    auto c = client();
    CHECK(c.request("DELETE", "/collections/docs/documents/ch1").status == 200);
    CHECK(c.request("DELETE", "/collections/docs/documents/ch2").status == 200);
}

TEST_CASE("pipelined requests on one connection are answered in order", "[hardening]") {
    RawConnection connection(shared_server().port());
    std::string burst = http_request("GET", "/health", "", "") +
                        http_request("POST", "/collections/docs/search", R"({"query":"dog","k":2})") +
                        http_request("GET", "/collections/docs/documents/d3", "", "") +
                        http_request("POST", "/collections/docs/search", R"({"k":"bad"})") +
                        http_request("GET", "/collections/docs/documents/none", "", "") +
                        http_request("GET", "/health", "", "");
    REQUIRE(connection.send(burst));
    CHECK(boost::json::parse(require_response(connection, 200).body).at("status") == "ok");
    CHECK(boost::json::parse(require_response(connection, 200).body).at("hits").as_array().size() == 2);
    CHECK(boost::json::parse(require_response(connection, 200).body).at("id") == "d3");
    require_response(connection, 400);
    require_response(connection, 404);
    require_response(connection, 200);
    CHECK(connection.unread().empty());
}

TEST_CASE("stalled clients time out while others are served", "[hardening][timeouts]") {
    const auto port = shared_server().port();
    RawConnection half_header(port);
    half_header.send("POST /collections/docs/search HTTP/1.1\r\nHost: x\r\nContent-Ty");
    RawConnection half_body(port);
    half_body.send(http_request("POST", "/collections/docs/search", R"({"query":"cat"})").substr(0, 90));
    RawConnection idle(port);  // connects and never says anything
    RawConnection trickle(port);
    const auto started = std::chrono::steady_clock::now();
    // Meanwhile a normal client is served, several times.
    auto c = client();
    for (int i = 0; i < 5; ++i) CHECK(post_search(c, R"({"query":"cat","k":1})").status == 200);
    // A slowloris: one byte every 100 ms keeps sending but never finishes its header.
    const std::string header = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(100, 'z');
    bool trickle_cut = false;
    for (std::size_t i = 0; i < header.size() && !trickle_cut; ++i) {
        trickle_cut = !trickle.send(header.substr(i, 1)) || trickle.closed_within(100ms);
    }
    CHECK(trickle_cut);
    CHECK(half_header.closed_within(slack));
    CHECK(half_body.closed_within(slack));
    CHECK(idle.closed_within(slack));
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(waited < std::chrono::milliseconds(request_timeout_ms) * 20);
    CHECK(post_search(c, R"({"query":"cat","k":1})").status == 200);
    require_healthy();
}

TEST_CASE("garbage bytes close that connection only", "[hardening]") {
    const auto port = shared_server().port();
    auto c = client();
    CHECK(c.request("GET", "/health").status == 200);  // an established keep-alive neighbour
    const std::vector<std::string> garbage = {
        std::string("\x00\x01\x02\xff\xfe garbage\r\n\r\n", 18),
        "GET\r\n\r\n",
        "HELLO WORLD\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "GET /health HTTP/1.1\r\nBad Header Line\r\n\r\n",
        "POST /collections/docs/search HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc",
        "GET /health HTTP/1.1\r\nHost: x\r\nX-Huge: " + std::string(200000, 'h') + "\r\n\r\n",
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  // a TLS ClientHello to a plain-HTTP port
    };
    for (const auto& bytes : garbage) {
        INFO("garbage starting " << bytes.substr(0, 40));
        RawConnection connection(port);
        connection.send(bytes);
        // Answered with a 4xx and closed, or simply closed.
        const auto answer = connection.read_response(slack);
        if (answer) {
            CHECK(answer->status / 100 == 4);
            CHECK(boost::json::parse(answer->body).at("error").is_object());
        }
        CHECK(connection.closed_within(slack));
        CHECK(c.request("GET", "/health").status == 200);
    }
    require_healthy();
}
