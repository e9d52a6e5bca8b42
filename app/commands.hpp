#pragma once
#include <string>
#include <vector>

// The subcommands of `braid`. Each returns the process exit code and throws braid::Error for
// failures the caller reports (type "usage" for command-line mistakes).
namespace braid::app {

int serve_command(const std::vector<std::string>& args);
int index_command(const std::vector<std::string>& args);
int search_command(const std::vector<std::string>& args);
int eval_command(const std::vector<std::string>& args);
int analyze_command(const std::vector<std::string>& args);
int export_command(const std::vector<std::string>& args);

}  // namespace braid::app
