// save() and load_vector_index(): the FAISS index in vectors.faiss (faiss::write_index), the slot
// map and live bitmap in vectors.ids (our format, checksummed, with the checksum of vectors.faiss).
#include <bit>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <faiss/impl/FaissException.h>
#include <faiss/index_io.h>

#include "core/error.hpp"
#include "dense/checksum.hpp"
#include "dense/kernel_storage.hpp"
#include "dense/faiss_vector_index.hpp"

namespace braid::dense {

namespace {

constexpr char kMagic[8] = {'B', 'R', 'D', 'V', 'E', 'C', 'S', '1'};
constexpr std::uint32_t kVersion = 1;
const char* const kFaissFile = "vectors.faiss";
const char* const kIdsFile = "vectors.ids";

Error io_error(const std::filesystem::path& path, const std::string& what) {
    return Error(ErrorKind::io, "index_file", path.string() + ": " + what);
}

class Writer {
public:
    template <typename T>
    void put(const T& value) { append(&value, sizeof(T)); }
    template <typename T>
    void put_array(const std::vector<T>& values) { append(values.data(), values.size() * sizeof(T)); }
    void append(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const std::byte*>(data);
        buffer_.insert(buffer_.end(), bytes, bytes + size);
    }
    const std::vector<std::byte>& bytes() const { return buffer_; }

private:
    std::vector<std::byte> buffer_;
};

class Reader {
public:
    Reader(std::span<const std::byte> bytes, std::filesystem::path path) : bytes_(bytes), path_(std::move(path)) {}
    template <typename T>
    T get() {
        T value;
        take(&value, sizeof(T));
        return value;
    }
    template <typename T>
    std::vector<T> get_array(std::uint64_t count) {
        if (count > (bytes_.size() - offset_) / sizeof(T)) throw io_error(path_, "file is truncated");
        std::vector<T> values(count);
        take(values.data(), count * sizeof(T));
        return values;
    }
    std::size_t remaining() const { return bytes_.size() - offset_; }

private:
    void take(void* out, std::size_t size) {
        if (size > bytes_.size() - offset_) throw io_error(path_, "file is truncated");
        if (size > 0) std::memcpy(out, bytes_.data() + offset_, size);  // out may be null when empty
        offset_ += size;
    }
    std::span<const std::byte> bytes_;
    std::filesystem::path path_;
    std::size_t offset_ = 0;
};

std::vector<std::byte> read_whole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw io_error(path, "cannot open for reading");
    const auto size = static_cast<std::size_t>(in.tellg());
    std::vector<std::byte> bytes(size);
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        throw io_error(path, "cannot read");
    }
    return bytes;
}

void write_whole(const std::filesystem::path& path, const std::vector<std::byte>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw io_error(path, "cannot open for writing");
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw io_error(path, "cannot write (disk full?)");
}

}  // namespace

FileDigest digest_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error(path, "cannot open for reading");
    Checksum sum;
    FileDigest digest;
    std::vector<char> chunk(1 << 20);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        sum.update(std::as_bytes(std::span<const char>(chunk.data(), got)));
        digest.size += got;
    }
    if (in.bad()) throw io_error(path, "cannot read");
    digest.checksum = sum.value();
    return digest;
}

void FaissVectorIndex::save(const std::filesystem::path& dir) const {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw io_error(dir, "cannot create directory: " + ec.message());
    const auto faiss_path = dir / kFaissFile;
    try {
        if (const auto* rows = dynamic_cast<const KernelFlatStorage*>(&vector_storage())) {
            rows->write_faiss_index(faiss_index(), faiss_path.c_str());  // fills FAISS's `codes` to write them
        } else {
            faiss::write_index(&faiss_index(), faiss_path.c_str());
        }
    } catch (const faiss::FaissException& e) {
        throw io_error(faiss_path, std::string("cannot write the FAISS index: ") + e.what());
    }
    const FileDigest faiss_digest = digest_file(faiss_path);

    Writer w;
    w.append(kMagic, sizeof(kMagic));
    w.put(kVersion);
    w.put(static_cast<std::uint64_t>(spec().dimension));
    w.put(static_cast<std::uint32_t>(spec().metric));
    w.put(static_cast<std::uint32_t>(spec().type));
    w.put(static_cast<std::uint32_t>(spec().quantization));
    w.put(faiss_digest.checksum);
    w.put(faiss_digest.size);
    w.put(static_cast<std::uint64_t>(slots().slot_count()));
    w.put_array(slots().slot_to_doc());
    Bitset live = slots().live();
    live.resize(slots().slot_count());
    w.put_array(live.words());
    w.put(static_cast<std::uint64_t>(untrained_vectors().size()));
    w.put_array(untrained_vectors());
    Checksum sum;
    sum.update(w.bytes());
    w.put(sum.value());
    write_whole(dir / kIdsFile, w.bytes());
}

std::unique_ptr<VectorIndex> load_vector_index(const VectorIndexSpec& spec, const std::filesystem::path& dir) {
    const auto ids_path = dir / kIdsFile;
    const auto faiss_path = dir / kFaissFile;
    const std::vector<std::byte> bytes = read_whole(ids_path);
    if (bytes.size() < sizeof(kMagic) + sizeof(std::uint64_t) || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
        throw io_error(ids_path, "not a braid vector id map (bad header)");
    }
    const auto body = std::span<const std::byte>(bytes).first(bytes.size() - sizeof(std::uint64_t));
    Checksum sum;
    sum.update(body);
    std::uint64_t stored_sum = 0;
    std::memcpy(&stored_sum, bytes.data() + body.size(), sizeof(stored_sum));
    if (stored_sum != sum.value()) throw io_error(ids_path, "checksum mismatch: the file is damaged");

    Reader r(body, ids_path);
    r.get_array<char>(sizeof(kMagic));
    if (r.get<std::uint32_t>() != kVersion) throw io_error(ids_path, "unsupported format version");
    const auto dimension = r.get<std::uint64_t>();
    const auto metric = r.get<std::uint32_t>();
    const auto type = r.get<std::uint32_t>();
    const auto quantization = r.get<std::uint32_t>();
    if (dimension != spec.dimension || metric != static_cast<std::uint32_t>(spec.metric) ||
        type != static_cast<std::uint32_t>(spec.type) || quantization != static_cast<std::uint32_t>(spec.quantization)) {
        throw io_error(ids_path, "saved with another vector configuration (dimension " + std::to_string(dimension) +
                                     "); rebuild the index or restore the matching configuration");
    }
    const auto faiss_checksum = r.get<std::uint64_t>();
    const auto faiss_size = r.get<std::uint64_t>();
    const auto slot_count = r.get<std::uint64_t>();
    std::vector<DocOrdinal> slot_to_doc = r.get_array<DocOrdinal>(slot_count);
    std::vector<std::uint64_t> live_words = r.get_array<std::uint64_t>((slot_count + 63) / 64);
    std::vector<float> untrained = r.get_array<float>(r.get<std::uint64_t>());
    if (r.remaining() != 0) throw io_error(ids_path, "unexpected trailing bytes");

    Bitset live(slot_count);
    for (std::size_t w = 0; w < live_words.size(); ++w) {
        for (std::uint64_t bits = live_words[w]; bits != 0; bits &= bits - 1) {
            live.set(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
        }
    }

    const FileDigest digest = digest_file(faiss_path);
    if (digest.size != faiss_size || digest.checksum != faiss_checksum) {
        throw io_error(faiss_path, "checksum mismatch: the file is damaged or belongs to another id map");
    }
    std::unique_ptr<faiss::Index> index;
    try {
        index.reset(faiss::read_index(faiss_path.c_str()));
    } catch (const faiss::FaissException& e) {
        throw io_error(faiss_path, std::string("cannot read the FAISS index: ") + e.what());
    }

    std::unique_ptr<VectorIndex> loaded = make_vector_index(spec);
    auto& target = dynamic_cast<FaissVectorIndex&>(*loaded);
    try {
        target.restore(SlotMap::restore(std::move(slot_to_doc), std::move(live)), std::move(index), std::move(untrained));
    } catch (const std::invalid_argument& e) {
        throw io_error(dir, std::string("the saved vector index is inconsistent: ") + e.what());
    }
    return loaded;
}

}  // namespace braid::dense
