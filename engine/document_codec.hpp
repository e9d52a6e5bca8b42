#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace braid::engine {

// Compresses stored document texts with zstd, with a dictionary trained on the collection's own
// documents once it has enough of them (small JSON documents share most of their structure and
// vocabulary, which a dictionary captures and a single document's frame cannot).
// compress() needs exclusive access (the collection's write lock); decompress() may run from
// many threads at once (each thread keeps its own zstd context).
class DocumentCodec {
public:
    enum class Packing : std::uint8_t { raw, zstd, zstd_dictionary };

    struct Packed {
        std::string bytes;
        Packing packing = Packing::raw;
    };

    DocumentCodec();
    ~DocumentCodec();
    DocumentCodec(DocumentCodec&&) noexcept;
    DocumentCodec& operator=(DocumentCodec&&) noexcept;

    // Texts shorter than this stay raw (a zstd frame header costs more than it saves).
    static constexpr std::size_t kMinCompressed = 64;

    Packed compress(std::string_view text) const;
    std::string decompress(std::string_view bytes, Packing packing) const;

    // Trains a dictionary of about `dictionary_bytes` on `samples`; false (and no dictionary
    // change) when zstd cannot train on them (too few or too small). Later compress() calls use it;
    // texts packed with an earlier dictionary must be recompressed by the caller first
    // (decompress(old) then compress()), since only the newest dictionary is kept.
    bool train(const std::vector<std::string_view>& samples, std::size_t dictionary_bytes);
    bool has_dictionary() const;
    std::size_t dictionary_bytes() const;        // the dictionary itself
    std::size_t dictionary_memory_bytes() const;  // its compression and decompression tables

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace braid::engine
