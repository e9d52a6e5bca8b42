#include "eval/qrels.hpp"

#include <charconv>
#include <string_view>
#include <vector>

#include "eval/dataset_error.hpp"

namespace braid::eval {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const auto tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) return fields;
        start = tab + 1;
    }
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& source) {
    Qrels qrels;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const auto fields = split_tabs(line);
        if (number == 1 && fields[0] == "query-id") continue;  // BEIR's header
        if (fields.size() < 3 || fields.size() > 4) {
            detail::bad_line(source, number, "expected query-id<TAB>corpus-id<TAB>integer score");
        }
        if (fields[0].empty() || fields[1].empty()) detail::bad_line(source, number, "empty query or corpus id");
        int relevance = 0;
        const auto score = fields[2];
        const auto [end, error] = std::from_chars(score.data(), score.data() + score.size(), relevance);
        if (error != std::errc{} || end != score.data() + score.size() || score.empty()) {
            detail::bad_line(source, number, "score \"" + std::string(score) + "\" is not an integer");
        }
        qrels[std::string(fields[0])][std::string(fields[1])] = relevance;
    }
    return qrels;
}

Qrels load_qrels(const std::filesystem::path& file) {
    std::ifstream in = detail::open_dataset_file(file);
    return read_qrels(in, file.string());
}

}  // namespace braid::eval
