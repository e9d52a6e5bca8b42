#include "app/cli_args.hpp"

#include "core/error.hpp"

namespace braid::app {
namespace {

[[noreturn]] void usage(const std::string& message) {
    throw Error(ErrorKind::invalid_argument, "usage", message);
}

}  // namespace

CliArgs::CliArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                 const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {
            positionals_.insert(positionals_.end(), args.begin() + static_cast<long>(i) + 1, args.end());
            break;
        }
        if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
            positionals_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (flags.contains(name)) {
            if (inline_value) usage("--" + name + " takes no value");
            flags_.insert(name);
        } else if (with_value.contains(name)) {
            if (inline_value) {
                values_[name] = *inline_value;
            } else {
                if (i + 1 >= args.size()) usage("--" + name + " needs a value");
                values_[name] = args[++i];
            }
        } else {
            usage("unknown option --" + name);
        }
    }
}

std::optional<std::string> CliArgs::value(const std::string& name) const {
    const auto found = values_.find(name);
    if (found == values_.end()) return std::nullopt;
    return found->second;
}

std::string CliArgs::required(const std::string& name) const {
    auto found = value(name);
    if (!found) usage("--" + name + " is required");
    return *found;
}

std::optional<unsigned long> CliArgs::number(const std::string& name) const {
    const auto text = value(name);
    if (!text) return std::nullopt;
    try {
        std::size_t used = 0;
        const unsigned long n = std::stoul(*text, &used);
        if (used == text->size() && text->find('-') == std::string::npos) return n;
    } catch (const std::exception&) {
    }
    usage("--" + name + " expects a non-negative integer, got \"" + *text + "\"");
}

bool CliArgs::flag(const std::string& name) const { return flags_.contains(name); }

}  // namespace braid::app
