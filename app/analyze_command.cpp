#include <iostream>

#include <boost/json/serialize.hpp>

#include "app/cli_args.hpp"
#include "core/json_text.hpp"
#include "app/commands.hpp"
#include "app/runtime.hpp"
#include "core/error.hpp"
#include "http/engine_json.hpp"

namespace braid::app {

int analyze_command(const std::vector<std::string>& raw) {
    const CliArgs args(raw, {"analyzer", "config"}, {});
    const std::string name = args.required("analyzer");
    if (args.positionals().empty()) {
        throw Error(ErrorKind::invalid_argument, "usage", "give the TEXT to analyze");
    }
    std::string text;
    for (const auto& word : args.positionals()) text += (text.empty() ? "" : " ") + word;
    const auto registry = args.value("config") ? build_analyzers(load_config(*args.value("config")), *args.value("config"))
                                               : analyzers::AnalyzerRegistry::with_builtins();
    std::cout << braid::json_text(http::tokens_json(registry.get(name)->analyze(text))) << "\n";
    return 0;
}

}  // namespace braid::app
