#include "lexical/query_syntax.hpp"

#include "core/error.hpp"

namespace braid::lexical {

namespace {

[[noreturn]] void malformed(std::size_t offset, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, "invalid_query_syntax",
                "query: " + what + " at offset " + std::to_string(offset), "query");
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool ends_clause(char c) { return is_space(c) || c == '|'; }

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    SyntaxQuery parse() {
        SyntaxQuery query;
        query.alternatives.emplace_back();
        std::size_t bar = std::string_view::npos;  // offset of the last '|' not yet followed by a clause
        while (true) {
            skip_space();
            if (at_end()) break;
            if (s_[i_] == '|') {
                if (query.alternatives.back().empty()) malformed(i_, "'|' needs a clause on each side");
                bar = i_++;
                query.alternatives.emplace_back();
                continue;
            }
            query.alternatives.back().push_back(clause());
            bar = std::string_view::npos;
        }
        if (bar != std::string_view::npos) malformed(bar, "'|' needs a clause on each side");
        if (query.alternatives.back().empty()) query.alternatives.pop_back();
        return query;
    }

private:
    bool at_end() const { return i_ >= s_.size(); }
    void skip_space() {
        while (!at_end() && is_space(s_[i_])) ++i_;
    }

    SyntaxClause clause() {
        SyntaxClause c;
        c.offset = i_;
        if (s_[i_] == '+' || s_[i_] == '-') {
            // A sign standing alone ("G - quadruplex") is punctuation, not an operator: it is
            // text, which the analyzer drops.
            if (i_ + 1 == s_.size() || ends_clause(s_[i_ + 1])) {
                c.text = std::string(1, s_[i_++]);
                return c;
            }
            c.occur = s_[i_] == '+' ? Occur::must : Occur::must_not;
            ++i_;
            if (s_[i_] == '+' || s_[i_] == '-') malformed(i_, "a clause takes one '+' or '-'");
        }
        if (s_[i_] == '"') phrase(c);
        else word(c);
        if (!at_end() && !ends_clause(s_[i_])) malformed(i_, "expected a space or '|' after the clause");
        return c;
    }

    void phrase(SyntaxClause& c) {
        const std::size_t open = i_++;
        const std::size_t close = s_.find('"', i_);
        if (close == std::string_view::npos) malformed(open, "unterminated phrase (no closing '\"')");
        c.kind = SyntaxKind::phrase;
        c.text = std::string(s_.substr(i_, close - i_));
        bool blank = true;
        for (char ch : c.text) blank = blank && is_space(ch);
        if (blank) malformed(open, "empty phrase");
        i_ = close + 1;
        if (!at_end() && s_[i_] == '~') {
            const std::size_t tilde = i_++;
            const std::size_t start = i_;
            std::uint64_t slop = 0;
            while (!at_end() && s_[i_] >= '0' && s_[i_] <= '9') {
                slop = slop * 10 + static_cast<std::uint64_t>(s_[i_] - '0');
                if (slop > kMaxSlop) malformed(start, "phrase slop above " + std::to_string(kMaxSlop));
                ++i_;
            }
            if (i_ == start) malformed(tilde, "'~' after a phrase needs a slop (a number, e.g. ~2)");
            c.slop = static_cast<std::uint32_t>(slop);
        }
    }

    void word(SyntaxClause& c) {
        const std::size_t start = i_;
        while (!at_end() && !ends_clause(s_[i_]) && s_[i_] != '"') ++i_;
        if (!at_end() && s_[i_] == '"') malformed(i_, "a phrase must be separated from the word before it");
        std::string_view w = s_.substr(start, i_ - start);
        const std::size_t star = w.find('*');
        const std::size_t tilde = w.find('~');
        if (star != std::string_view::npos) {
            if (star + 1 != w.size()) malformed(start + star, "'*' may only end a word (prefix*)");
            if (tilde != std::string_view::npos) malformed(start + tilde, "a word is either prefix* or fuzzy~, not both");
            if (star == 0) malformed(start, "'*' needs a prefix before it");
            c.kind = SyntaxKind::prefix;
            c.text = std::string(w.substr(0, star));
            return;
        }
        if (tilde != std::string_view::npos) {
            if (tilde == 0) malformed(start, "'~' needs a word before it");
            const std::string_view n = w.substr(tilde + 1);
            if (n.size() > 1 || (n.size() == 1 && (n[0] < '0' || n[0] > '2')))
                malformed(start + tilde + 1, "fuzziness after '~' must be 0, 1 or 2");
            c.kind = SyntaxKind::fuzzy;
            c.text = std::string(w.substr(0, tilde));
            if (!n.empty()) c.edits = n[0] - '0';
            return;
        }
        c.kind = SyntaxKind::word;
        c.text = std::string(w);
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

SyntaxQuery parse_simple_query(std::string_view text) { return Parser(text).parse(); }

}  // namespace braid::lexical
