#pragma once
#include <string>

#include <catch2/catch.hpp>

#include "config/config.hpp"
#include "core/error.hpp"

namespace braid::config::test {

struct ConfigFailure {
    std::string message;
    std::string path;
};

// The error parse_config throws for `json`; fails the test when it does not throw.
inline ConfigFailure failure_of(const std::string& json) {
    try {
        parse_config(json);
    } catch (const braid::Error& e) {
        CHECK(e.kind() == braid::ErrorKind::invalid_argument);
        CHECK(e.type() == "config_error");
        return {e.what(), e.path()};
    }
    FAIL("expected a config error for " << json);
    return {};
}

// A config with one collection whose body is `collection_members` (without braces).
inline std::string with_collection(const std::string& collection_members) {
    return R"({"collections": [{"name": "docs", )" + collection_members + "}]}";
}

}  // namespace braid::config::test
