#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace braid::app {

// `--name value`, `--name=value` and `--flag` options plus positional arguments of one
// subcommand. Unknown options are usage errors (braid::Error(invalid_argument, "usage")).
class CliArgs {
public:
    CliArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
            const std::set<std::string>& flags);

    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    // An optional non-negative integer option; a malformed one is a usage error.
    std::optional<unsigned long> number(const std::string& name) const;
    bool flag(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positionals_;
};

}  // namespace braid::app
