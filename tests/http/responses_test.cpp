#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/error_types.hpp"
#include "http/error_paths.hpp"
#include "http/media_type.hpp"
#include "http/constant_time.hpp"
#include "http/responses.hpp"

using braid::Error;
using braid::ErrorKind;
using namespace braid::http;

TEST_CASE("each error kind maps to one status", "[http][errors]") {
    CHECK(status_for(ErrorKind::invalid_argument) == 400);
    CHECK(status_for(ErrorKind::unauthorized) == 401);
    CHECK(status_for(ErrorKind::not_found) == 404);
    CHECK(status_for(ErrorKind::conflict) == 409);
    CHECK(status_for(ErrorKind::payload_too_large) == 413);
    CHECK(status_for(ErrorKind::unsupported_media_type) == 415);
    CHECK(status_for(ErrorKind::io) == 500);
    CHECK(status_for(ErrorKind::internal) == 500);
}

TEST_CASE("error bodies carry type, message and path, always", "[http][errors]") {
    const Response with_path =
        error_response(Error(ErrorKind::invalid_argument, "invalid_request", "k: too big", "k"));
    CHECK(with_path.status == 400);
    CHECK(with_path.content_type == "application/json");
    const auto body = boost::json::parse(with_path.body);
    CHECK(body.at("error").at("type") == "invalid_request");
    CHECK(body.at("error").at("message") == "k: too big");
    CHECK(body.at("error").at("path") == "k");

    const Response without_path =
        error_response(Error(ErrorKind::conflict, "collection_exists", "collection \"a\" exists"));
    CHECK(without_path.status == 409);
    // No path of its own: the default for its type (the collection name is in the URL).
    CHECK(boost::json::parse(without_path.body).at("error").at("path") == "$url.name");
    CHECK(boost::json::parse(error_response(415, "unsupported_media_type", "x").body).at("error").at("path") ==
          "$header.Content-Type");
    CHECK(boost::json::parse(error_response(400, "invalid_document", "x").body).at("error").at("path") == "$body");
    CHECK(boost::json::parse(error_response(500, "io_error", "x").body).at("error").at("path") == "$server");
}

TEST_CASE("every error type has a default path: a $-location, never empty", "[http][errors]") {
    for (const auto& type : braid::error_types()) {
        const auto path = default_error_path(type.name, status_for(type.kind));
        INFO(type.name);
        REQUIRE_FALSE(path.empty());
        CHECK(path.front() == '$');
        if (status_for(type.kind) >= 500) CHECK(path == "$server");
    }
    CHECK(default_error_path("unauthorized", 401) == "$header.Authorization");
    CHECK(default_error_path("document_not_found", 404) == "$url.id");
    CHECK(default_error_path("method_not_allowed", 405) == "$method");
    CHECK(default_error_path("payload_too_large", 413) == "$body");
}

TEST_CASE("constant-time comparison is a correct equality", "[http][auth]") {
    CHECK(constant_time_equal("s3cret", "s3cret"));
    CHECK(constant_time_equal("", ""));
    CHECK_FALSE(constant_time_equal("s3cret", "s3creT"));
    CHECK_FALSE(constant_time_equal("s3cret", "s3cre"));
    CHECK_FALSE(constant_time_equal("s3cre", "s3cret"));
    CHECK_FALSE(constant_time_equal("", "x"));
    CHECK_FALSE(constant_time_equal("x", ""));
    CHECK_FALSE(constant_time_equal(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
    CHECK_FALSE(constant_time_equal("abc", std::string_view("abc\0", 4)));
}

TEST_CASE("media types compare case-insensitively and ignore parameters", "[http][media_type]") {
    CHECK(media_type_is("application/json", "application/json"));
    CHECK(media_type_is("Application/JSON; charset=utf-8", "application/json"));
    CHECK(media_type_is("  application/x-ndjson ", "application/x-ndjson"));
    CHECK_FALSE(media_type_is("", "application/json"));
    CHECK_FALSE(media_type_is("text/plain", "application/json"));
    CHECK_FALSE(media_type_is("application/json", "application/x-ndjson"));
    CHECK_FALSE(media_type_is("application/jsonx", "application/json"));
    CHECK_FALSE(media_type_is("application/x-www-form-urlencoded", "application/json"));
}
