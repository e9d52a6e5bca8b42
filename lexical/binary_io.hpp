#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.hpp"

namespace braid::lexical {

// Little helpers for the index file: a growable byte buffer and a bounds-checked reader that
// throws braid::Error(io) instead of reading past the end.
class ByteWriter {
public:
    template <class T>
    void put(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const char*>(&v);
        buf_.append(p, sizeof(T));
    }
    template <class T>
    void put_vector(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<std::uint64_t>(v.size());
        buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    template <class T>
    void put_span(std::span<const T> v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<std::uint64_t>(v.size());
        buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void put_string(std::string_view s) {
        put<std::uint64_t>(s.size());
        buf_.append(s.data(), s.size());
    }
    const std::string& data() const { return buf_; }

private:
    std::string buf_;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view data) : data_(data) {}

    template <class T>
    T get() {
        static_assert(std::is_trivially_copyable_v<T>);
        need(sizeof(T));
        T v;
        std::memcpy(&v, data_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }
    template <class T>
    std::vector<T> get_vector() {
        const auto n = get<std::uint64_t>();
        if (n > (data_.size() - pos_) / sizeof(T)) fail("truncated array");
        std::vector<T> v(static_cast<std::size_t>(n));
        if (!v.empty()) std::memcpy(v.data(), data_.data() + pos_, v.size() * sizeof(T));
        pos_ += v.size() * sizeof(T);
        return v;
    }
    std::string get_string() {
        const auto n = get<std::uint64_t>();
        need(n);
        std::string s(data_.substr(pos_, static_cast<std::size_t>(n)));
        pos_ += static_cast<std::size_t>(n);
        return s;
    }
    bool at_end() const { return pos_ == data_.size(); }
    [[noreturn]] static void fail(const std::string& what) {
        throw Error(ErrorKind::io, "corrupt_index", "corrupt lexical index: " + what);
    }

private:
    void need(std::uint64_t n) const {
        if (n > data_.size() - pos_) fail("unexpected end of data");
    }
    std::string_view data_;
    std::size_t pos_ = 0;
};

// FNV-1a, 64 bits: detects accidental corruption of the payload.
inline std::uint64_t fnv1a64(std::string_view data) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

}  // namespace braid::lexical
