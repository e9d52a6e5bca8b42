#pragma once
// Pieces of bench_durability: a scratch folder, NDJSON batches from SciFact and from a
// synthetic Zipf corpus, and a catalog opened the way `braid serve` opens it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "analyzers/analyzer_registry.hpp"
#include "bench/bench_stats.hpp"
#include "config/config.hpp"
#include "engine/catalog.hpp"

namespace braid::bench {

// A folder removed with its contents at scope exit.
class ScratchDir {
public:
    explicit ScratchDir(const std::filesystem::path& parent) {
        std::filesystem::create_directories(parent);
        std::string pattern = (parent / "braid-bench-durability-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed in " + parent.string());
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::uint64_t folder_bytes(const std::filesystem::path& dir) {
    std::uint64_t total = 0;
    if (!std::filesystem::exists(dir)) return 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) total += entry.file_size();
    }
    return total;
}

inline config::CollectionConfig collection_from_json(const std::string& text) {
    return config::parse_collection(boost::json::parse(text), "bench");
}

// A catalog over `data_dir` (empty: in memory) holding `schema`, opened as `braid serve` does.
inline std::unique_ptr<engine::Catalog> open_catalog(const std::filesystem::path& data_dir,
                                                     const config::CollectionConfig& schema,
                                                     std::uint64_t snapshot_every_bytes) {
    engine::CatalogOptions options;
    options.data_dir = data_dir;
    options.snapshot_every_bytes = snapshot_every_bytes;
    auto catalog = std::make_unique<engine::Catalog>(options, analyzers::AnalyzerRegistry::with_builtins());
    catalog->open({schema});
    return catalog;
}

// SciFact lines (`_id`, title, text, 256-d embedding) as NDJSON batches.
inline std::vector<std::string> scifact_batches(const std::filesystem::path& file, std::size_t limit,
                                                std::size_t batch_size, std::size_t& documents) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::vector<std::string> batches;
    std::string line, batch;
    std::size_t in_batch = 0;
    documents = 0;
    while ((limit == 0 || documents < limit) && std::getline(in, line)) {
        if (line.empty()) continue;
        batch.append(line).push_back('\n');
        ++documents;
        if (++in_batch == batch_size) {
            batches.push_back(std::move(batch));
            batch.clear();
            in_batch = 0;
        }
    }
    if (!batch.empty()) batches.push_back(std::move(batch));
    return batches;
}

// Documents {"id": "s<n>", "text": ~60 words, "n": n} over a Zipf(1) vocabulary whose frequent
// words are short, generated batch by batch from a fixed seed (the same text every run).
class SyntheticDocuments {
public:
    explicit SyntheticDocuments(std::size_t vocabulary) {
        cdf_.resize(vocabulary);
        double sum = 0;
        for (std::size_t r = 0; r < vocabulary; ++r) cdf_[r] = sum += 1.0 / static_cast<double>(r + 1);
        for (auto& c : cdf_) c /= sum;
        for (std::size_t r = 0; r < vocabulary; ++r) words_.push_back(word_for_rank(r));
    }

    // Documents first .. first+count-1; the words depend only on `seed`.
    std::string batch(std::size_t first, std::size_t count, std::uint64_t seed) {
        rng_.seed(seed);
        std::string out;
        std::normal_distribution<double> length(60.0, 20.0);
        for (std::size_t d = first; d < first + count; ++d) {
            out.append(R"({"id":"s)").append(std::to_string(d)).append(R"(","n":)").append(std::to_string(d));
            out.append(R"(,"text":")");
            const long n = std::clamp(std::lround(length(rng_)), 8L, 160L);
            for (long i = 0; i < n; ++i) {
                if (i) out.push_back(' ');
                out.append(words_[draw()]);
            }
            out.append("\"}\n");
        }
        return out;
    }

private:
    std::size_t draw() {
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
        const auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
        return std::min<std::size_t>(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
    }
    static std::string word_for_rank(std::size_t r) {
        std::string w;
        do {
            w.push_back(static_cast<char>('a' + r % 26));
            r /= 26;
        } while (r > 0);
        return w.append("o");  // every word two letters or more, all distinct
    }

    std::mt19937_64 rng_;
    std::vector<double> cdf_;
    std::vector<std::string> words_;
};

}  // namespace braid::bench
