#include "eval/dataset_error.hpp"

#include "core/error.hpp"

namespace braid::eval::detail {

std::ifstream open_dataset_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw Error(ErrorKind::io, "io_error", "cannot read " + file.string());
    return in;
}

void bad_line(const std::string& source, std::size_t line, const std::string& why) {
    throw Error(ErrorKind::invalid_argument, "invalid_dataset", source + ":" + std::to_string(line) + ": " + why);
}

}  // namespace braid::eval::detail
