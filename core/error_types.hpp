#pragma once
#include <span>
#include <string_view>

#include "core/error.hpp"

namespace braid {

// Every error `type` braid answers or reports, with its kind (and so its HTTP status), in one
// place: a client sees one name per mistake, and the README lists them from here.
// tests/core/error_types_test.cpp checks that every type the sources throw is declared here with
// the same kind, and that the README lists each one.
struct ErrorTypeInfo {
    std::string_view name;
    ErrorKind kind;
    std::string_view meaning;
};

std::span<const ErrorTypeInfo> error_types();
// nullptr for a name that is not declared.
const ErrorTypeInfo* find_error_type(std::string_view name);

}  // namespace braid
