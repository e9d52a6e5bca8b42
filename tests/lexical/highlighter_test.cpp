// The highlighter over real analyzers: hand-checked snippets, the options' rules, and the property
// "every highlighted span's text analyzes to a term a (non-excluded) query clause matches" over
// random corpora and random simple-syntax queries, for every hit the index returns.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "analyzers/analyzer.hpp"
#include "analyzers/synonym_map.hpp"
#include "core/error.hpp"
#include "lexical/highlighter.hpp"
#include "lexical/lexical_index.hpp"
#include "lexical/query_syntax.hpp"
#include "lexical/term_expansion.hpp"

namespace braid::lexical {
namespace {

analyzers::FilterSpec filter(const std::string& kind, const std::string& language = "") {
    analyzers::FilterSpec f;
    f.kind = kind;
    f.language = language;
    return f;
}

std::shared_ptr<const analyzers::Analyzer> english() {
    analyzers::AnalyzerSpec spec;
    spec.filters = {filter("nfkc_casefold"), filter("stop", "english"), filter("stem", "english")};
    static const auto analyzer = analyzers::Analyzer::build("en", spec);
    return analyzer;
}

HighlightQuery query_for(const std::string& text, bool simple = true, Operator op = Operator::any) {
    const auto analyzer = english();
    const FieldAnalyzer fields[] = {{{"text", 1.0f}, analyzer.get()}};
    HighlightQuery out;
    std::vector<std::vector<QueryClause>> groups;
    if (simple) {
        groups = analyze_query(parse_simple_query(text), fields, op, Fuzziness{});
    } else {
        FieldQuery plain{"text", 1.0f, {}};
        for (auto& t : analyzer->analyze(text)) plain.terms.push_back(t.text);
        groups = plain_clauses({plain}, op);
    }
    for (auto& g : groups)
        for (auto& c : g)
            if (c.occur != Occur::must_not) out.clauses.push_back(c);
    return out;
}

std::vector<std::string> highlight(const std::string& text, const std::string& query, HighlightOptions options = {}) {
    return highlight_text(text, *english(), query_for(query), options);
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

// The texts between pre and post markers (\x01 ... \x02) of a fragment.
std::vector<std::string> marked(const std::string& fragment) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = fragment.find('\x01', at)) != std::string::npos) {
        const std::size_t end = fragment.find('\x02', at);
        REQUIRE(end != std::string::npos);
        out.push_back(fragment.substr(at + 1, end - at - 1));
        at = end;
    }
    return out;
}

bool clause_matches(const QueryClause& clause, const std::string& token, std::size_t prefix_length) {
    const FieldForm& form = clause.forms.front();
    switch (clause.kind) {
        case ClauseKind::term: return token == form.terms.front();
        case ClauseKind::prefix: return token.starts_with(form.terms.front());
        case ClauseKind::fuzzy: {
            const auto a = code_points(token), b = code_points(form.terms.front());
            const std::size_t keep = std::min(prefix_length, b.size());
            return a.size() >= keep && a.compare(0, keep, b, 0, keep) == 0 &&
                   damerau_levenshtein(a, b, clause.edits) <= clause.edits;
        }
        case ClauseKind::phrase:
            return std::find(form.terms.begin(), form.terms.end(), token) != form.terms.end();
        case ClauseKind::synonyms:
            return std::any_of(clause.forms.begin(), clause.forms.end(), [&](const FieldForm& f) {
                return std::find(f.terms.begin(), f.terms.end(), token) != f.terms.end();
            });
    }
    return false;
}

}  // namespace

TEST_CASE("highlighter: stems, phrases, prefixes and fuzzy matches are marked in the source bytes", "[lexical][highlight]") {
    HighlightOptions o;
    CHECK(highlight("The cats were running home.", "cat run", o) ==
          std::vector<std::string>{"The <em>cats</em> were <em>running</em> home."});
    // Only the phrase's own positions: "heart" elsewhere is not marked.
    CHECK(highlight("A heart attack. Her heart is fine.", "\"heart attack\"", o) ==
          std::vector<std::string>{"A <em>heart</em> <em>attack</em>. Her heart is fine."});
    CHECK(highlight("cholesterol and choline", "chole*", o) ==
          std::vector<std::string>{"<em>cholesterol</em> and choline"});
    CHECK(highlight("cholesterol levels", "cholestrol~1", o) == std::vector<std::string>{"<em>cholesterol</em> levels"});
    // Excluded clauses are never highlighted.
    CHECK(highlight("dogs and cats", "dog -cat", o) == std::vector<std::string>{"<em>dogs</em> and cats"});
}

TEST_CASE("highlighter: a plain query meeting a synonym rule marks every form of it, phrases as phrases", "[lexical][highlight]") {
    analyzers::AnalyzerSpec spec;
    spec.filters = {filter("nfkc_casefold")};
    analyzers::FilterSpec synonyms = filter("synonyms");
    analyzers::SynonymRule rule;
    rule.inputs = rule.outputs = {"heart attack", "mi"};
    rule.origin = "sets[0]";
    synonyms.synonyms.push_back(rule);
    spec.filters.push_back(synonyms);
    const auto analyzer = analyzers::Analyzer::build("syn", spec);
    const FieldAnalyzer fields[] = {{{"text", 1.0f}, analyzer.get()}};
    REQUIRE(has_synonyms(fields));
    HighlightQuery q;
    for (auto& group : plain_synonym_clauses("mi", fields, Operator::any))
        for (auto& clause : group) q.clauses.push_back(clause);
    CHECK(highlight_text("An MI, a heart attack; a heart.", *analyzer, q, HighlightOptions{}) ==
          std::vector<std::string>{"An <em>MI</em>, a <em>heart</em> <em>attack</em>; a heart."});
}

TEST_CASE("highlighter: one Highlighter over many texts gives what highlight_text gives each", "[lexical][highlight][differential]") {
    // Stems, stopwords, case and accents (the filters the memo runs once per word), repeated and
    // overlapping phrase terms, synonyms of one and of several words.
    const std::vector<std::string> vocabulary{"Heart", "hearts", "attack", "attacked", "the", "of", "MI", "café", "CAFÉ",
                                              "cafe", "running", "runs", "cat", "cats", "catalog", "study", "studies",
                                              "<b>risky</b>", "risk", "日本", "heart-attack", "a"};
    const std::vector<std::string> query_words{"heart", "attack", "run", "cat", "café", "cafe", "study", "risk", "mi",
                                               "hart", "the"};
    analyzers::AnalyzerSpec spec;
    spec.filters = {filter("nfkc_casefold"), filter("stop", "english"), filter("stem", "english")};
    analyzers::FilterSpec synonyms = filter("synonyms");
    analyzers::SynonymRule rule;
    rule.inputs = rule.outputs = {"heart attack", "mi", "cardiac arrest"};
    rule.origin = "sets[0]";
    synonyms.synonyms.push_back(rule);
    spec.filters.push_back(synonyms);
    const auto with_synonyms = analyzers::Analyzer::build("syn", spec);
    std::size_t spans = 0, phrase_queries = 0;
    for (std::uint32_t seed = 1; seed <= 6; ++seed) {
        std::mt19937 rng(seed);
        const auto analyzer = seed % 2 ? english() : with_synonyms;
        const FieldAnalyzer fields[] = {{{"text", 1.0f}, analyzer.get()}};
        std::vector<std::string> texts;
        for (int d = 0; d < 40; ++d) {
            std::string text;
            for (std::size_t i = 0, n = 1 + rng() % 50; i < n; ++i)
                text += vocabulary[rng() % vocabulary.size()] + (rng() % 7 == 0 ? ". " : " ");
            texts.push_back(std::move(text));
        }
        for (int round = 0; round < 30; ++round) {
            std::string query;
            for (std::size_t c = 0, n = 1 + rng() % 3; c < n; ++c) {
                const auto& w = query_words[rng() % query_words.size()];
                const auto& w2 = query_words[rng() % query_words.size()];
                switch (rng() % 5) {
                    case 0: query += "\"" + w + " " + w2 + " " + w + "\"~" + std::to_string(rng() % 3); break;
                    case 1: query += w + "*"; break;
                    case 2: query += w + "~1"; break;
                    case 3: query += "-" + w; break;
                    default: query += w;
                }
                query += ' ';
            }
            HighlightQuery hq;
            const bool plain = seed % 2 == 0 && round % 2 == 0;  // plain text through the synonym rules
            const auto groups = plain ? plain_synonym_clauses(query, fields, Operator::any)
                                      : analyze_query(parse_simple_query(query), fields, Operator::any, Fuzziness{});
            for (const auto& g : groups)
                for (const auto& c : g)
                    if (c.occur != Occur::must_not) hq.clauses.push_back(c);
            hq.prefix_length = rng() % 2;
            phrase_queries += query.find('"') != std::string::npos;
            HighlightOptions options;
            options.fragment_size = 20 + rng() % 100;
            options.fragments = 1 + rng() % 3;
            options.no_match_size = rng() % 2 ? 0 : 30;
            Highlighter highlighter(analyzer, hq);
            for (const auto& text : texts) {
                INFO("seed " << seed << " query " << query << " text " << text);
                const auto expected = match_spans(analyzer->analyze(text), hq);
                REQUIRE(highlighter.spans(text) == expected);
                REQUIRE(highlighter.fragments(text, options) == highlight_text(text, *analyzer, hq, options));
                spans += expected.size();
            }
        }
    }
    CHECK(spans > 2000);
    CHECK(phrase_queries > 40);
}

TEST_CASE("highlighter: the html encoder escapes the source, not the tags", "[lexical][highlight]") {
    HighlightOptions o;
    o.html = true;
    CHECK(highlight("<b>cat</b> & \"dog\"", "cat", o) ==
          std::vector<std::string>{"&lt;b&gt;<em>cat</em>&lt;/b&gt; &amp; &quot;dog&quot;"});
    o.html = false;
    CHECK(highlight("<b>cat</b>", "cat", o) == std::vector<std::string>{"<b><em>cat</em></b>"});
}

TEST_CASE("highlighter: fragments are cut at boundaries, ranked by matched terms, never overlap", "[lexical][highlight]") {
    std::string text;
    for (int i = 0; i < 20; ++i) text += "Filler words about nothing much here. ";
    text += "The heart study found a heart attack risk. ";
    for (int i = 0; i < 20; ++i) text += "Filler words about nothing much here. ";
    text += "Only attack here. ";
    HighlightOptions o;
    o.fragment_size = 60;
    o.fragments = 2;
    const auto fragments = highlight(text, "heart attack", o);
    REQUIRE(fragments.size() == 2);
    CHECK(fragments[0] == "The <em>heart</em> study found a <em>heart</em> <em>attack</em> risk.");  // a sentence start
    CHECK(fragments[1].find("<em>attack</em>") != std::string::npos);
    CHECK(fragments[1].find("heart") == std::string::npos);
    // Multi-byte text with tiny fragments: every fragment is valid UTF-8.
    std::string wide;
    for (int i = 0; i < 30; ++i) wide += "日本語のテキストcatと猫のαβγδ ";
    o.fragment_size = 13;
    o.fragments = 10;
    const auto pieces = highlight(wide, "cat", o);
    REQUIRE(!pieces.empty());
    for (const auto& f : pieces) {
        INFO(f);
        CHECK(valid_utf8(f));
        CHECK(f.find("<em>cat</em>") != std::string::npos);
    }
}

TEST_CASE("highlighter: a field without a match gives its start only with no_match_size", "[lexical][highlight]") {
    HighlightOptions o;
    CHECK(highlight("nothing relevant here", "cat", o).empty());
    o.no_match_size = 12;
    CHECK(highlight("nothing relevant here", "cat", o) == std::vector<std::string>{"nothing"});
    o.html = true;
    CHECK(highlight("a<b", "cat", o) == std::vector<std::string>{"a&lt;b"});
}

TEST_CASE("highlighter: options out of range name their path", "[lexical][highlight]") {
    const auto path_of = [](HighlightOptions o) {
        try {
            check(o);
        } catch (const Error& e) {
            return e.path();
        }
        return std::string("none");
    };
    HighlightOptions o;
    CHECK(path_of(o) == "none");
    o.fragment_size = 5;
    CHECK(path_of(o) == "highlight.fragment_size");
    o = {};
    o.fragments = 0;
    CHECK(path_of(o) == "highlight.fragments");
    o = {};
    o.no_match_size = HighlightOptions::kMaxNoMatchSize + 1;
    CHECK(path_of(o) == "highlight.no_match_size");
    o = {};
    o.pre = std::string(HighlightOptions::kMaxTagBytes + 1, 'x');
    CHECK(path_of(o) == "highlight.pre");
}

TEST_CASE("highlighter property: every highlighted span analyzes to a term a query clause matches", "[lexical][highlight][property]") {
    const std::vector<std::string> vocabulary{
        "heart", "hearts", "attack", "attacked", "attacking", "running", "runs", "cat", "cats", "catalog",
        "cholesterol", "cholesterols", "choline", "café", "cafés", "naïve", "Straße", "strasse", "日本",
        "study", "studies", "studied", "risk", "<b>risky</b>", "a", "the", "and", "of"};
    const std::vector<std::string> query_words{"heart", "attack", "run", "cat", "chole", "cafe", "café", "naive",
                                               "straße", "study", "risk", "studys", "atack", "hart"};
    const auto analyzer = english();
    std::size_t spans_checked = 0, hits_checked = 0;
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
        std::mt19937 rng(seed);
        LexicalIndex index({"text"}, Bm25Params{}, true);
        std::vector<std::string> texts;
        for (DocOrdinal d = 0; d < 80; ++d) {
            std::string text;
            const std::size_t n = 3 + rng() % 60;
            for (std::size_t i = 0; i < n; ++i) {
                text += vocabulary[rng() % vocabulary.size()];
                text += rng() % 8 == 0 ? ". " : rng() % 9 == 0 ? ", " : " ";
            }
            index.add(d, {{"text", analyzer->analyze(text)}});
            texts.push_back(std::move(text));
        }
        for (int round = 0; round < 40; ++round) {
            std::string query;
            const std::size_t clauses = 1 + rng() % 3;
            for (std::size_t c = 0; c < clauses; ++c) {
                const auto& w = query_words[rng() % query_words.size()];
                const auto& w2 = query_words[rng() % query_words.size()];
                switch (rng() % 6) {
                    case 0: query += "\"" + w + " " + w2 + "\""; break;
                    case 1: query += "\"" + w + " " + w2 + "\"~" + std::to_string(rng() % 3); break;
                    case 2: query += w + "*"; break;
                    case 3: query += w + "~" + std::to_string(rng() % 3); break;
                    case 4: query += (rng() % 2 ? "-" : "+") + w; break;
                    default: query += w;
                }
                query += ' ';
            }
            INFO("seed " << seed << " query " << query);
            const FieldAnalyzer fields[] = {{{"text", 1.0f}, analyzer.get()}};
            TreeQuery tree;
            tree.fields = {{"text", 1.0f}};
            tree.alternatives = analyze_query(parse_simple_query(query), fields, Operator::any, Fuzziness{});
            tree.prefix_length = rng() % 2;
            tree.k = 1000;
            HighlightQuery hq = query_for(query);
            hq.prefix_length = tree.prefix_length;
            HighlightOptions options;
            options.pre = "\x01";
            options.post = "\x02";
            options.fragment_size = 20 + rng() % 120;
            options.fragments = 1 + rng() % 4;
            for (const auto& hit : index.search(tree)) {
                const auto fragments = highlight_text(texts[hit.doc], *analyzer, hq, options);
                INFO("doc " << texts[hit.doc]);
                CHECK(!fragments.empty());  // every hit matched some clause somewhere
                CHECK(fragments.size() <= options.fragments);
                ++hits_checked;
                for (const auto& f : fragments) {
                    CHECK(valid_utf8(f));
                    for (const auto& span : marked(f)) {
                        const auto tokens = analyzer->analyze(span);
                        INFO("span \"" << span << "\"");
                        REQUIRE(tokens.size() == 1);
                        const bool matched = std::any_of(hq.clauses.begin(), hq.clauses.end(), [&](const QueryClause& c) {
                            return clause_matches(c, tokens.front().text, hq.prefix_length);
                        });
                        CHECK(matched);
                        ++spans_checked;
                    }
                }
            }
        }
    }
    CHECK(hits_checked > 500);
    CHECK(spans_checked > 1000);
}

}  // namespace braid::lexical
