// Every built-in analyzer takes any bytes (invalid UTF-8 included) and yields tokens whose byte
// offsets lie inside the text, in order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzers/analyzer_registry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto registry = braid::analyzers::AnalyzerRegistry::with_builtins();
    static const char* names[] = {"standard", "english", "porter", "german", "arabic", "whitespace"};
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const char* name : names) {
        if (!registry.contains(name)) continue;
        const auto tokens = registry.get(name)->analyze(text);
        std::uint32_t last_position = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const auto& t = tokens[i];
            if (t.start > t.end || t.end > size) std::abort();
            if (t.text.empty()) std::abort();
            if (i > 0 && t.position < last_position) std::abort();
            last_position = t.position;
        }
    }
    return 0;
}
