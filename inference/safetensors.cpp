#include "inference/safetensors.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>

#include <boost/json.hpp>

#include "core/error.hpp"

namespace braid::inference {

namespace json = boost::json;

namespace {

[[noreturn]] void invalid(const std::filesystem::path& file, const std::string& why) {
    throw Error(ErrorKind::invalid_argument, "invalid_model", file.string() + ": " + why);
}

}  // namespace

float half_to_float(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000) << 16;
    std::uint32_t exponent = (h >> 10) & 0x1F;
    std::uint32_t mantissa = h & 0x3FF;
    std::uint32_t bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13);  // inf / nan
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;
    } else {  // subnormal: normalize
        exponent = 113;
        while ((mantissa & 0x400) == 0) {
            mantissa <<= 1;
            --exponent;
        }
        bits = sign | (exponent << 23) | ((mantissa & 0x3FF) << 13);
    }
    return std::bit_cast<float>(bits);
}

Matrix load_safetensors_matrix(const std::filesystem::path& file, const std::string& tensor) {
    static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");
    std::ifstream in(file, std::ios::binary);
    if (!in) invalid(file, "cannot open");
    in.seekg(0, std::ios::end);
    const auto file_size = static_cast<std::uint64_t>(in.tellg());
    in.seekg(0);
    std::uint64_t header_size = 0;
    if (file_size < 8 || !in.read(reinterpret_cast<char*>(&header_size), 8)) invalid(file, "too short for a safetensors file");
    if (header_size > file_size - 8 || header_size > (100u << 20)) invalid(file, "header length out of range");
    std::string header(header_size, '\0');
    in.read(header.data(), static_cast<std::streamsize>(header_size));
    json::error_code ec;
    const json::value root = json::parse(header, ec);
    if (ec || !root.is_object()) invalid(file, "the header is not a JSON object");
    const auto* entry = root.as_object().if_contains(tensor);
    if (entry == nullptr || !entry->is_object()) {
        std::string names;
        for (const auto& [name, v] : root.as_object()) {
            if (name != "__metadata__") names += (names.empty() ? "" : ", ") + std::string(name);
        }
        invalid(file, "no tensor '" + tensor + "' (tensors: " + names + ")");
    }
    const auto& e = entry->as_object();
    const auto* dtype = e.if_contains("dtype");
    const auto* shape = e.if_contains("shape");
    const auto* offsets = e.if_contains("data_offsets");
    if (dtype == nullptr || !dtype->is_string() || shape == nullptr || !shape->is_array() || offsets == nullptr ||
        !offsets->is_array() || offsets->as_array().size() != 2) {
        invalid(file, "tensor '" + tensor + "' lacks dtype, shape or data_offsets");
    }
    if (shape->as_array().size() != 2) invalid(file, "tensor '" + tensor + "' is not 2-dimensional");
    Matrix m;
    m.rows = static_cast<std::size_t>(shape->as_array()[0].to_number<std::int64_t>());
    m.cols = static_cast<std::size_t>(shape->as_array()[1].to_number<std::int64_t>());
    const std::string type(dtype->as_string());
    const std::size_t width = type == "F32" ? 4 : (type == "F16" || type == "BF16") ? 2 : 0;
    if (width == 0) invalid(file, "tensor '" + tensor + "' has dtype " + type + " (supported: F32, F16, BF16)");
    const auto begin = offsets->as_array()[0].to_number<std::uint64_t>();
    const auto end = offsets->as_array()[1].to_number<std::uint64_t>();
    const std::uint64_t expected = static_cast<std::uint64_t>(m.rows) * m.cols * width;
    if (end < begin || end - begin != expected || 8 + header_size + end > file_size) {
        invalid(file, "tensor '" + tensor + "' data_offsets do not match its shape or the file size");
    }
    std::string raw(expected, '\0');
    in.seekg(static_cast<std::streamoff>(8 + header_size + begin));
    if (!in.read(raw.data(), static_cast<std::streamsize>(expected))) invalid(file, "cannot read the tensor data");
    m.values.resize(m.rows * m.cols);
    if (width == 4) {
        std::memcpy(m.values.data(), raw.data(), expected);
    } else {
        for (std::size_t i = 0; i < m.values.size(); ++i) {
            std::uint16_t v;
            std::memcpy(&v, raw.data() + 2 * i, 2);
            m.values[i] = type == "F16" ? half_to_float(v) : std::bit_cast<float>(static_cast<std::uint32_t>(v) << 16);
        }
    }
    return m;
}

}  // namespace braid::inference
