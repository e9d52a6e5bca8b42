#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace braid::engine {

// Compresses stored document texts with LZ4 (high-compression mode), with a dictionary trained on
// the collection's own documents once it has enough of them (small JSON documents share most of
// their structure and vocabulary, which a dictionary captures and a single document cannot).
// LZ4 rather than zstd: every hit of every answer is decoded, and on SciFact LZ4 with the same
// trained dictionary decodes a document in less than half of zstd's time for a few per cent more
// bytes (see bench/bench_document_store.cpp). The packings live in memory only: snapshots and the
// journal hold the documents' JSON text, so the packing can change between versions freely.
// compress() needs exclusive access (the collection's write lock); decompress() may run from
// many threads at once.
class DocumentCodec {
public:
    enum class Packing : std::uint8_t { raw, lz4, lz4_dictionary };

    struct Packed {
        std::string bytes;
        Packing packing = Packing::raw;
    };

    DocumentCodec();
    ~DocumentCodec();
    DocumentCodec(DocumentCodec&&) noexcept;
    DocumentCodec& operator=(DocumentCodec&&) noexcept;

    // Texts shorter than this stay raw (too short to repeat anything).
    static constexpr std::size_t kMinCompressed = 64;
    // LZ4 looks back 64 KB at most: a longer dictionary would be dead weight.
    static constexpr std::size_t kMaxDictionary = 64 << 10;

    Packed compress(std::string_view text) const;
    // Writes the text packed in `bytes` to `out`, which must hold exactly its `text_size` bytes
    // (the caller keeps the size: an LZ4 block does not record it).
    void decompress_to(std::string_view bytes, Packing packing, char* out, std::size_t text_size) const;
    std::string decompress(std::string_view bytes, Packing packing, std::size_t text_size) const;

    // Trains a dictionary of about `dictionary_bytes` on `samples`; false (and no dictionary
    // change) when it cannot be trained on them (too few or too small). Later compress() calls use
    // it; texts packed with an earlier dictionary must be recompressed by the caller first
    // (decompress(old) then compress()), since only the newest dictionary is kept.
    bool train(const std::vector<std::string_view>& samples, std::size_t dictionary_bytes);
    bool has_dictionary() const;
    std::size_t dictionary_bytes() const;        // the dictionary itself
    std::size_t dictionary_memory_bytes() const;  // with its compression tables

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace braid::engine
