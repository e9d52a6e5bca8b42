#pragma once
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace braid::storage::testing {

using TempDir = braid::test_support::TempDir;

inline std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_file(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

inline void flip_byte(const std::filesystem::path& file, std::size_t offset) {
    std::string bytes = read_file(file);
    bytes.at(offset) = static_cast<char>(bytes.at(offset) ^ 0x5A);
    write_file(file, bytes);
}

}  // namespace braid::storage::testing
