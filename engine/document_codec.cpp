#include "engine/document_codec.hpp"

#include <lz4.h>
#include <lz4hc.h>
#include <zdict.h>

#include <atomic>
#include <cstring>
#include <vector>

#include "core/error.hpp"

namespace braid::engine {
namespace {

// LZ4 HC level 9 (its default): higher levels pack SciFact's documents barely smaller and
// compress several times slower; decompression speed does not depend on the level.
constexpr int kLevel = LZ4HC_CLEVEL_DEFAULT;

[[noreturn]] void damaged() {
    throw Error(ErrorKind::internal, "internal", "a stored document's LZ4 block is damaged");
}

// The state compress() works in (256 KB): one per thread rather than one per collection.
LZ4_streamHC_t* thread_work_stream() {
    thread_local const std::unique_ptr<LZ4_streamHC_t> stream = [] {
        auto created = std::make_unique<LZ4_streamHC_t>();
        LZ4_initStreamHC(created.get(), sizeof(LZ4_streamHC_t));
        return created;
    }();
    return stream.get();
}

// Tells dictionaries apart across codecs and trainings (an address could be reused).
std::atomic<std::uint64_t> next_dictionary_id{1};

// Texts up to this size decode through the thread's PrefixWindow; longer ones read the
// dictionary where it is (the window would keep their size allocated).
constexpr std::size_t kMaxWindowText = 256 << 10;

// LZ4 decodes fastest when the dictionary sits right before the output ("prefix" mode: no
// check on each match of which buffer it reads): SciFact 1.68 -> 0.59 us per document with
// bench_document_store.
// Each thread keeps the last dictionary it decoded with, followed by room for one text,
// decodes there and copies the text out.
struct PrefixWindow {
    std::uint64_t dictionary_id = 0;
    std::size_t dictionary_size = 0;
    std::vector<char> bytes;
};

}  // namespace

struct DocumentCodec::State {
    std::uint64_t dictionary_id = 0;  // 0: none
    // The dictionary's bytes; `prepared` points into them, so they never move (State is on the heap).
    std::string dictionary;
    // The compression state with the dictionary loaded, copied into the thread's work stream for
    // each text: loading the dictionary costs more than compressing a document, a copy much less.
    std::unique_ptr<LZ4_streamHC_t> prepared;
};

DocumentCodec::DocumentCodec() : state_(std::make_unique<State>()) {}
DocumentCodec::~DocumentCodec() = default;
DocumentCodec::DocumentCodec(DocumentCodec&&) noexcept = default;
DocumentCodec& DocumentCodec::operator=(DocumentCodec&&) noexcept = default;

DocumentCodec::Packed DocumentCodec::compress(std::string_view text) const {
    if (text.size() < kMinCompressed || text.size() > LZ4_MAX_INPUT_SIZE) return {std::string(text), Packing::raw};
    const int text_size = static_cast<int>(text.size());
    std::string out(static_cast<std::size_t>(LZ4_compressBound(text_size)), '\0');
    LZ4_streamHC_t* work = thread_work_stream();
    if (state_->prepared)
        std::memcpy(work, state_->prepared.get(), sizeof(LZ4_streamHC_t));
    else
        LZ4_resetStreamHC_fast(work, kLevel);
    const int size = LZ4_compress_HC_continue(work, text.data(), out.data(), text_size, static_cast<int>(out.size()));
    if (size <= 0 || static_cast<std::size_t>(size) >= text.size()) return {std::string(text), Packing::raw};
    out.resize(static_cast<std::size_t>(size));
    out.shrink_to_fit();
    return {std::move(out), state_->prepared ? Packing::lz4_dictionary : Packing::lz4};
}

void DocumentCodec::decompress_to(std::string_view bytes, Packing packing, char* out, std::size_t text_size) const {
    if (packing == Packing::raw) {
        if (bytes.size() != text_size) damaged();
        std::memcpy(out, bytes.data(), text_size);
        return;
    }
    const int in_size = static_cast<int>(bytes.size()), out_size = static_cast<int>(text_size);
    if (packing == Packing::lz4_dictionary && text_size <= kMaxWindowText) {
        thread_local PrefixWindow window;
        const std::string& dictionary = state_->dictionary;
        if (window.dictionary_id != state_->dictionary_id) {
            window.bytes.assign(dictionary.begin(), dictionary.end());
            window.dictionary_id = state_->dictionary_id;
            window.dictionary_size = dictionary.size();
        }
        if (window.bytes.size() < window.dictionary_size + text_size) window.bytes.resize(window.dictionary_size + text_size);
        char* const text = window.bytes.data() + window.dictionary_size;
        const int written = LZ4_decompress_safe_usingDict(bytes.data(), text, in_size, out_size, window.bytes.data(),
                                                          static_cast<int>(window.dictionary_size));
        if (written != out_size) damaged();
        std::memcpy(out, text, text_size);
        return;
    }
    const int written = packing == Packing::lz4_dictionary
                            ? LZ4_decompress_safe_usingDict(bytes.data(), out, in_size, out_size,
                                                            state_->dictionary.data(),
                                                            static_cast<int>(state_->dictionary.size()))
                            : LZ4_decompress_safe(bytes.data(), out, in_size, out_size);
    if (written != out_size) damaged();
}

std::string DocumentCodec::decompress(std::string_view bytes, Packing packing, std::size_t text_size) const {
    std::string out(text_size, '\0');
    decompress_to(bytes, packing, out.data(), text_size);
    return out;
}

bool DocumentCodec::train(const std::vector<std::string_view>& samples, std::size_t dictionary_bytes) {
    std::string joined;
    std::vector<std::size_t> sizes;
    sizes.reserve(samples.size());
    for (const auto sample : samples) {
        joined.append(sample);
        sizes.push_back(sample.size());
    }
    // zstd's trainer picks the segments that recur most across the samples; LZ4 uses its content
    // (after zstd's entropy tables), whose most frequent segments come last, nearest the text.
    std::string trained(dictionary_bytes, '\0');
    const std::size_t size = ZDICT_trainFromBuffer(trained.data(), trained.size(), joined.data(), sizes.data(),
                                                   static_cast<unsigned>(sizes.size()));
    if (ZDICT_isError(size)) return false;
    const std::size_t header = ZDICT_getDictHeaderSize(trained.data(), size);
    if (ZDICT_isError(header) || header >= size) return false;
    const std::size_t content = std::min(size - header, kMaxDictionary);
    std::string dictionary = trained.substr(size - content, content);
    auto prepared = std::make_unique<LZ4_streamHC_t>();
    LZ4_initStreamHC(prepared.get(), sizeof(LZ4_streamHC_t));
    LZ4_resetStreamHC_fast(prepared.get(), kLevel);
    state_->dictionary = std::move(dictionary);  // before loading: `prepared` points into it
    state_->dictionary_id = next_dictionary_id.fetch_add(1, std::memory_order_relaxed);
    LZ4_loadDictHC(prepared.get(), state_->dictionary.data(), static_cast<int>(state_->dictionary.size()));
    state_->prepared = std::move(prepared);
    return true;
}

bool DocumentCodec::has_dictionary() const { return state_->prepared != nullptr; }

std::size_t DocumentCodec::dictionary_bytes() const { return state_->dictionary.size(); }

std::size_t DocumentCodec::dictionary_memory_bytes() const {
    if (!state_->prepared) return 0;
    return state_->dictionary.size() + sizeof(LZ4_streamHC_t);
}

}  // namespace braid::engine
