#include "engine/ndjson_lines.hpp"

namespace braid::engine {

std::vector<NdjsonLine> split_ndjson(std::string_view body) {
    std::vector<NdjsonLine> lines;
    std::size_t number = 0;
    while (!body.empty()) {
        ++number;
        const std::size_t end = body.find('\n');
        std::string_view line = body.substr(0, end);
        body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        lines.push_back({number, line});
    }
    return lines;
}

}  // namespace braid::engine
