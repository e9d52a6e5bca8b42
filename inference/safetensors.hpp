#pragma once
// Reads one 2-D tensor from a .safetensors file (8-byte little-endian header length, JSON header,
// raw little-endian data) as float32, converting F16 and BF16.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace braid::inference {

struct Matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<float> values;  // row-major
    const float* row(std::size_t r) const { return values.data() + r * cols; }
};

// Throws braid::Error ("invalid_model") naming the file and what is wrong with it.
Matrix load_safetensors_matrix(const std::filesystem::path& file, const std::string& tensor);

float half_to_float(std::uint16_t half);

}  // namespace braid::inference
