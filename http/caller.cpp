#include "http/caller.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"

namespace braid::http {

namespace {

constexpr std::array<std::pair<Action, std::string_view>, 6> grantable{{
    {Action::search, "search"},
    {Action::documents_read, "documents.read"},
    {Action::documents_write, "documents.write"},
    {Action::collections_read, "collections.read"},
    {Action::collections_write, "collections.write"},
    {Action::metrics, "metrics"},
}};

}  // namespace

Action parse_action(std::string_view name, const std::string& path) {
    for (const auto& [action, text] : grantable) {
        if (text == name) return action;
    }
    std::string known;
    for (const auto& [action, text] : grantable) known += (known.empty() ? "" : ", ") + std::string(text);
    throw Error(ErrorKind::invalid_argument, "invalid_request",
                path + ": unknown action \"" + std::string(name) + "\" (known: " + known + ", or \"*\")", path);
}

std::string_view action_name(Action action) {
    for (const auto& [a, text] : grantable) {
        if (a == action) return text;
    }
    if (action == Action::admin) return "admin";
    return action == Action::describe ? "describe" : "open";
}

bool Caller::may_use(std::string_view collection) const {
    if (admin) return true;
    for (const auto& pattern : collections) {
        if (glob_match(pattern, collection)) return true;
    }
    return false;
}

bool glob_match(std::string_view pattern, std::string_view text) {
    // Iterative wildcard matching with backtracking to the last '*': linear for one star.
    std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace braid::http
