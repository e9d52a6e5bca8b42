#pragma once
#include <string>
#include <vector>

namespace braid::analyzers {

// "a, b, c" for error messages that list what exists.
inline std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

}  // namespace braid::analyzers
