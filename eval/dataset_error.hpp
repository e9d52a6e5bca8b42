#pragma once
// The errors of eval's file readers: an unreadable file, or a bad line named file:line.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

namespace braid::eval::detail {

std::ifstream open_dataset_file(const std::filesystem::path& file);
[[noreturn]] void bad_line(const std::string& source, std::size_t line, const std::string& why);

}  // namespace braid::eval::detail
