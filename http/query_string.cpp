#include "http/query_string.hpp"

#include "core/error.hpp"
#include "http/router.hpp"

namespace braid::http {

std::optional<std::string> query_parameter(std::string_view target, std::string_view name) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return std::nullopt;
    std::string_view query = target.substr(question + 1);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) != name) continue;
        if (eq == std::string_view::npos) return std::string();
        try {
            return percent_decode(pair.substr(eq + 1));
        } catch (const Error&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

bool wants_pretty(std::string_view target) {
    const auto value = query_parameter(target, "pretty");
    return value && (value->empty() || *value == "true" || *value == "1");
}

}  // namespace braid::http
