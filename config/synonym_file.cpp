#include "config/synonym_file.hpp"

#include "core/error.hpp"

namespace braid::config::detail {
namespace {

constexpr std::size_t kMaxEntryBytes = 1024;

struct LineError {
    std::string problem;
};

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Splits one side of a rule at unescaped commas, unescaping the entries.
std::vector<std::string> entries(std::string_view side, std::string_view what) {
    std::vector<std::string> out;
    std::string current;
    bool escaped = false;
    const auto finish = [&] {
        std::string entry = trimmed(current);
        if (entry.empty()) throw LineError{"an empty entry " + std::string(what)};
        if (entry.size() > kMaxEntryBytes)
            throw LineError{"an entry of " + std::to_string(entry.size()) + " bytes (limit " + std::to_string(kMaxEntryBytes) + ")"};
        out.push_back(std::move(entry));
        current.clear();
    };
    for (const char c : side) {
        if (escaped) {
            current.push_back(c);
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == ',') {
            finish();
        } else {
            current.push_back(c);
        }
    }
    if (escaped) throw LineError{"a '\\' at the end of the line escapes nothing"};
    finish();
    return out;
}

// The byte offset of the unescaped "=>" in `line`, npos when none; two are an error.
std::size_t arrow(std::string_view line) {
    std::size_t found = std::string_view::npos;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
            continue;
        }
        if (line[i] == '=' && i + 1 < line.size() && line[i + 1] == '>') {
            if (found != std::string_view::npos) throw LineError{"more than one \"=>\""};
            found = i;
            ++i;
        }
    }
    return found;
}

SynonymRuleConfig rule(std::string_view line) {
    SynonymRuleConfig out;
    const std::size_t at = arrow(line);
    if (at == std::string_view::npos) {
        out.inputs = entries(line, "in the list");
        if (out.inputs.size() < 2) throw LineError{"an equivalence needs at least two entries separated by ','"};
        out.outputs = out.inputs;
        return out;
    }
    out.inputs = entries(line.substr(0, at), "before \"=>\"");
    out.outputs = entries(line.substr(at + 2), "after \"=>\"");
    return out;
}

}  // namespace

std::vector<SynonymRuleConfig> parse_synonym_lines(std::string_view text, const std::string& name) {
    std::vector<SynonymRuleConfig> rules;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // a UTF-8 byte order mark
        const std::string content = trimmed(std::string(line));
        if (content.empty() || content.front() == '#') continue;
        const std::string origin = name + " line " + std::to_string(number);
        try {
            SynonymRuleConfig parsed = rule(content);
            parsed.origin = origin;
            rules.push_back(std::move(parsed));
        } catch (const LineError& error) {
            throw Error(ErrorKind::invalid_argument, "config_error", origin + ": " + error.problem + " in \"" + content + "\"");
        }
    }
    return rules;
}

}  // namespace braid::config::detail
