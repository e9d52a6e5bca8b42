#pragma once
// The Xapian side of bench_lexical: a glass database in a temporary directory, fed the very
// terms braid indexes (so analysis is identical), weighted with BM25Weight(0.9, 0, 1, 0.4, 0.5).
#ifdef BRAID_HAVE_XAPIAN
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace braid::bench {

class XapianPeer {
public:
    explicit XapianPeer(std::size_t flush_threshold)
        : dir_(std::filesystem::temp_directory_path() / ("braid-bench-xapian-" + std::to_string(::getpid()))) {
        // Batch the whole corpus in memory before writing: Xapian's fastest way to index.
        ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(flush_threshold).c_str(), 1);
        std::filesystem::remove_all(dir_);
        db_ = Xapian::WritableDatabase(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    }
    ~XapianPeer() {
        db_.close();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    XapianPeer(const XapianPeer&) = delete;
    XapianPeer& operator=(const XapianPeer&) = delete;

    static const char* description() { return "Xapian glass database on disk (/tmp)"; }

    // One document whose terms are `terms` (repeats raise the wdf, as in the text).
    template <class TermRange>
    void add(const TermRange& terms) {
        Xapian::Document doc;
        for (const auto& t : terms) doc.add_term(t);
        db_.add_document(doc);
    }
    void commit() { db_.commit(); }

    std::uint64_t disk_bytes() const {
        std::uint64_t total = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir_))
            if (e.is_regular_file()) total += e.file_size();
        return total;
    }

    // Top-k document numbers (0-based: Xapian docid - 1) for an OR of the terms.
    std::vector<std::uint32_t> search(const std::vector<std::string>& terms, std::size_t k) {
        const Xapian::MSet mset = top(terms, k);
        std::vector<std::uint32_t> out;
        for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it - 1);
        return out;
    }
    // The same with each document's BM25 weight.
    std::vector<std::pair<std::uint32_t, double>> scored_search(const std::vector<std::string>& terms, std::size_t k) {
        const Xapian::MSet mset = top(terms, k);
        std::vector<std::pair<std::uint32_t, double>> out;
        for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it - 1, it.get_weight());
        return out;
    }

private:
    Xapian::MSet top(const std::vector<std::string>& terms, std::size_t k) {
        Xapian::Enquire enquire(db_);
        enquire.set_weighting_scheme(Xapian::BM25Weight(0.9, 0, 1, 0.4, 0.5));
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
        return enquire.get_mset(0, static_cast<Xapian::doccount>(k));
    }

    std::filesystem::path dir_;
    Xapian::WritableDatabase db_;
};

}  // namespace braid::bench
#endif
