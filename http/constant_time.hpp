#pragma once
#include <string_view>

namespace braid::http {

// Compares two secrets in time that depends only on their lengths, never on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace braid::http
