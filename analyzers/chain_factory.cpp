#include "analyzers/chain_factory.hpp"

#include "analyzers/arabic_normalization_filter.hpp"
#include "analyzers/ascii_folding_filter.hpp"
#include "analyzers/icu_tokenizer.hpp"
#include "analyzers/length_filter.hpp"
#include "analyzers/lowercase_filter.hpp"
#include "analyzers/nfkc_casefold_filter.hpp"
#include "analyzers/stem_filter.hpp"
#include "analyzers/stop_filter.hpp"
#include "analyzers/whitespace_tokenizer.hpp"
#include "core/error.hpp"

namespace braid::analyzers {
namespace {

[[noreturn]] void invalid(const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "invalid_analyzer", message);
}

}  // namespace

std::unique_ptr<Tokenizer> make_tokenizer(const std::string& name) {
    if (name == "icu") return std::make_unique<IcuTokenizer>();
    if (name == "whitespace") return std::make_unique<WhitespaceTokenizer>();
    invalid("unknown tokenizer \"" + name + "\" (available: icu, whitespace)");
}

std::unique_ptr<TokenFilter> make_filter(const FilterSpec& spec) {
    if (spec.kind == "nfkc_casefold") return std::make_unique<NfkcCasefoldFilter>();
    if (spec.kind == "lowercase") return std::make_unique<LowercaseFilter>();
    if (spec.kind == "ascii_folding") return std::make_unique<AsciiFoldingFilter>();
    if (spec.kind == "arabic_normalization") return std::make_unique<ArabicNormalizationFilter>(false);
    if (spec.kind == "persian_normalization") return std::make_unique<ArabicNormalizationFilter>(true);
    if (spec.kind == "length") return std::make_unique<LengthFilter>(spec.min_length, spec.max_length);
    if (spec.kind == "stem") {
        if (spec.language.empty()) invalid("stem filter needs a language, e.g. {\"stem\": \"english\"}");
        return std::make_unique<StemFilter>(spec.language);
    }
    if (spec.kind == "stop") {
        if (!spec.language.empty()) return std::make_unique<StopFilter>(StopFilter::builtin(spec.language));
        if (spec.words.empty()) {
            invalid("stop filter needs a built-in list name (e.g. \"english\") or an array of words");
        }
        return std::make_unique<StopFilter>(spec.words);
    }
    invalid("unknown filter \"" + spec.kind +
            "\" (available: nfkc_casefold, lowercase, ascii_folding, arabic_normalization, "
            "persian_normalization, stop, stem, length, synonyms)");
}

}  // namespace braid::analyzers
