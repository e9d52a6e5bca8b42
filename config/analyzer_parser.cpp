#include <filesystem>
#include <fstream>

#include "config/json_reader.hpp"
#include "config/parsers.hpp"
#include "config/synonym_file.hpp"
#include "core/error.hpp"

namespace braid::config {
namespace {

using detail::element_path;
using detail::fail;
using detail::fail_expected;

constexpr std::string_view kFilterForms =
    "a filter: \"nfkc_casefold\", \"lowercase\", \"ascii_folding\", \"arabic_normalization\", "
    "\"persian_normalization\", {\"stop\": \"english\" or [words]}, "
    "{\"stem\": language}, {\"length\": {\"min\": n, \"max\": n}} or "
    "{\"synonyms\": {\"sets\": [[entries]], \"path\": file}}";

constexpr std::size_t kMaxSynonymFileBytes = 64u << 20;

std::string read_synonym_file(const std::string& file, const std::string& path) {
    std::error_code ec;
    const bool regular = std::filesystem::is_regular_file(file, ec);
    const std::uintmax_t size = regular ? std::filesystem::file_size(file, ec) : 0;
    if (!regular || ec) fail(path, "cannot read the synonyms file \"" + file + "\" (not a readable file)");
    if (size > kMaxSynonymFileBytes)
        fail(path, "the synonyms file \"" + file + "\" is larger than " + std::to_string(kMaxSynonymFileBytes >> 20) + " MiB");
    std::ifstream in(file, std::ios::binary);
    std::string out(static_cast<std::size_t>(size), '\0');
    if (!in || !in.read(out.data(), static_cast<std::streamsize>(out.size())))
        fail(path, "cannot read the synonyms file \"" + file + "\"");
    return out;
}

AnalyzerFilterConfig parse_synonyms(const boost::json::value& value, const std::string& path,
                                    const std::filesystem::path& base_dir) {
    const detail::ObjectReader reader(value, path, {"sets", "path"});
    AnalyzerFilterConfig filter;
    filter.kind = "synonyms";
    if (const auto* v = reader.find("sets")) {
        const std::string sets_path = reader.path_of("sets");
        const auto* sets = v->if_array();
        if (sets == nullptr) fail_expected(sets_path, "an array of synonym sets (arrays of equivalent entries)", *v);
        for (std::size_t i = 0; i < sets->size(); ++i) {
            const std::string set_path = element_path(sets_path, i);
            const auto* set = (*sets)[i].if_array();
            if (set == nullptr || set->size() < 2)
                fail_expected(set_path, "an array of at least two equivalent entries", (*sets)[i]);
            std::vector<std::string> entries;
            for (std::size_t j = 0; j < set->size(); ++j)
                entries.push_back(detail::as_string((*set)[j], element_path(set_path, j)));
            filter.synonym_rules.push_back(SynonymRuleConfig{entries, entries, "sets[" + std::to_string(i) + "]"});
            filter.synonym_sets.push_back(std::move(entries));
        }
    }
    if (const auto* v = reader.find("path")) {
        const std::string file_path = reader.path_of("path");
        filter.synonym_path = detail::resolve_path(detail::as_string(*v, file_path), base_dir);
        const std::string text = read_synonym_file(filter.synonym_path, file_path);
        try {
            auto rules = detail::parse_synonym_lines(text, filter.synonym_path);
            filter.synonym_rules.insert(filter.synonym_rules.end(), rules.begin(), rules.end());
        } catch (const Error& error) {
            fail(file_path, error.what());
        }
    }
    if (filter.synonym_rules.empty()) fail(path, "expected \"sets\" or a \"path\" holding at least one rule");
    return filter;
}

AnalyzerFilterConfig parse_stop(const boost::json::value& value, const std::string& path) {
    AnalyzerFilterConfig filter;
    filter.kind = "stop";
    if (value.is_string() && !value.get_string().empty()) {
        filter.language = std::string(value.get_string());
        return filter;
    }
    const auto* words = value.if_array();
    if (words == nullptr || words->empty()) {
        fail_expected(path, "a built-in stopword list name (e.g. \"english\") or a non-empty array of words", value);
    }
    for (std::size_t i = 0; i < words->size(); ++i) {
        filter.words.push_back(detail::as_string((*words)[i], element_path(path, i)));
    }
    return filter;
}

AnalyzerFilterConfig parse_length(const boost::json::value& value, const std::string& path) {
    const detail::ObjectReader reader(value, path, {"min", "max"});
    AnalyzerFilterConfig filter;
    filter.kind = "length";
    constexpr std::uint64_t kLimit = 1u << 20;
    if (const auto* v = reader.find("min")) {
        filter.min_length = detail::as_unsigned(*v, reader.path_of("min"), 0, kLimit, "a non-negative integer");
    }
    if (const auto* v = reader.find("max")) {
        filter.max_length = detail::as_unsigned(*v, reader.path_of("max"), 1, kLimit, "a positive integer");
        if (filter.min_length > filter.max_length) {
            fail(reader.path_of("max"), "expected at least min (" + std::to_string(filter.min_length) + "), got " +
                                            std::to_string(filter.max_length));
        }
    }
    return filter;
}

AnalyzerFilterConfig parse_filter(const boost::json::value& value, const std::string& path,
                                  const std::filesystem::path& base_dir) {
    if (value.is_string()) {
        const std::string kind(value.get_string());
        if (kind == "nfkc_casefold" || kind == "lowercase" || kind == "ascii_folding" || kind == "arabic_normalization" ||
            kind == "persian_normalization") {
            AnalyzerFilterConfig filter;
            filter.kind = kind;
            return filter;
        }
        if (kind == "stop" || kind == "stem" || kind == "length" || kind == "synonyms") {
            fail(path, "\"" + kind + "\" needs an argument, e.g. {\"" + kind + "\": " +
                           (kind == "length"     ? "{\"min\": 2, \"max\": 40}"
                            : kind == "synonyms" ? "{\"path\": \"synonyms.txt\"}"
                                                 : "\"english\"") +
                           "}");
        }
        if (auto near = detail::closest_name(kind, {"nfkc_casefold", "lowercase", "ascii_folding",
                                                          "arabic_normalization", "persian_normalization"})) {
            fail(path, "unknown filter \"" + kind + "\" (did you mean \"" + *near + "\"?)");
        }
        fail_expected(path, kFilterForms, value);
    }
    const auto* object = value.if_object();
    if (object == nullptr || object->size() != 1) fail_expected(path, kFilterForms, value);
    const detail::ObjectReader reader(value, path, {"stop", "stem", "length", "synonyms"});
    if (const auto* v = reader.find("stop")) return parse_stop(*v, reader.path_of("stop"));
    if (const auto* v = reader.find("synonyms")) return parse_synonyms(*v, reader.path_of("synonyms"), base_dir);
    if (const auto* v = reader.find("length")) return parse_length(*v, reader.path_of("length"));
    AnalyzerFilterConfig filter;
    filter.kind = "stem";
    filter.language = detail::as_string(reader.object().at("stem"), reader.path_of("stem"));
    return filter;
}

}  // namespace

AnalyzerConfig parse_analyzer(const boost::json::value& value, const std::string& path, std::string name,
                              const std::filesystem::path& base_dir) {
    const detail::ObjectReader reader(value, path, {"tokenizer", "filters"});
    AnalyzerConfig analyzer;
    analyzer.name = std::move(name);
    if (const auto* v = reader.find("tokenizer")) {
        analyzer.tokenizer = detail::as_choice(*v, reader.path_of("tokenizer"), {"icu", "whitespace"});
    }
    if (const auto* v = reader.find("filters")) {
        const std::string filters_path = reader.path_of("filters");
        const auto* filters = v->if_array();
        if (filters == nullptr) fail_expected(filters_path, "an array of filters", *v);
        for (std::size_t i = 0; i < filters->size(); ++i) {
            analyzer.filters.push_back(parse_filter((*filters)[i], element_path(filters_path, i), base_dir));
        }
    }
    return analyzer;
}

namespace detail {

std::vector<AnalyzerConfig> parse_analyzers(const boost::json::value& value, const std::string& path,
                                            const std::filesystem::path& base_dir) {
    const auto* object = value.if_object();
    if (object == nullptr) fail_expected(path, "an object of analyzers by name", value);
    std::vector<AnalyzerConfig> analyzers;
    for (const auto& member : *object) {
        const std::string name(member.key());
        const std::string analyzer_path = member_path(path, name);
        if (!is_safe_name(name)) {
            fail(analyzer_path, "expected an analyzer name of 1-128 letters, digits, '_', '.' or '-', got \"" + name + "\"");
        }
        analyzers.push_back(parse_analyzer(member.value(), analyzer_path, name, base_dir));
    }
    return analyzers;
}

}  // namespace detail
}  // namespace braid::config
