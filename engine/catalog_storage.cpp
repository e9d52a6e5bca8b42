#include "engine/catalog_storage.hpp"

#include <chrono>
#include <iostream>

#include "core/error.hpp"
#include "storage/posix_file.hpp"
#include "engine/wal_replay.hpp"

namespace braid::engine {

namespace fs = std::filesystem;

CatalogStorage::CatalogStorage(fs::path data_dir, std::uint64_t snapshot_every_bytes, std::uint64_t min_free_bytes,
                               std::function<std::vector<std::shared_ptr<LocalCollection>>()> collections)
    : data_dir_(std::move(data_dir)),
      snapshot_every_bytes_(snapshot_every_bytes),
      min_free_bytes_(min_free_bytes),
      collections_(std::move(collections)),
      wal_(data_dir_ / "wal", wal_options()),
      snapshots_(data_dir_ / "snapshots") {}

storage::WalOptions CatalogStorage::wal_options() {
    storage::WalOptions options;
    options.on_append = [this](std::uint64_t bytes) {
        if (const auto* m = metrics_.load(std::memory_order_relaxed)) m->appended(bytes);
    };
    options.on_sync = [this](const storage::WalSync& sync) {
        if (const auto* m = metrics_.load(std::memory_order_relaxed)) m->synced(sync);
    };
    return options;
}

CatalogStorage::~CatalogStorage() { wait_for_background_snapshot(); }

CollectionMap CatalogStorage::recover(const analyzers::AnalyzerRegistry& registry) {
    CollectionMap collections;
    if (const std::size_t removed = snapshots_.remove_unfinished(); removed > 0)
        std::cerr << "braid: removed " << removed << " unfinished snapshot folder(s)\n";
    std::vector<std::string> problems;
    const auto latest = snapshots_.latest_valid(problems);
    for (const auto& problem : problems) std::cerr << "braid: snapshot skipped: " << problem << "\n";
    std::uint64_t after = 0;
    if (latest) {
        after = latest->sequence;
        std::lock_guard lock(snapshot_mutex_);
        log_needed_after_ = after;
        const fs::path root = latest->dir / "collections";
        if (fs::exists(root)) {
            for (const auto& entry : fs::directory_iterator(root)) {
                if (!entry.is_directory()) continue;
                auto collection = LocalCollection::load_snapshot(entry.path(), registry);
                collections[collection->schema().name] = std::move(collection);
            }
        }
    }
    WalReplayer replayer(collections, registry);
    const storage::ReplayReport report =
        wal_.replay(after, [&](std::uint64_t sequence, std::string_view payload) { replayer.apply(sequence, payload); });
    replayer.finish();
    if (!report.problem.empty()) std::cerr << "braid: write-ahead log: " << report.problem << "\n";
    return collections;
}

std::uint64_t CatalogStorage::free_bytes() const { return storage::free_bytes(data_dir_); }

std::uint64_t CatalogStorage::append(std::string_view record) {
    if (min_free_bytes_ > 0) {
        const std::uint64_t free = free_bytes();
        if (free < min_free_bytes_ + record.size()) {
            throw Error(ErrorKind::insufficient_storage, "insufficient_storage",
                        "the disk of " + data_dir_.string() + " has " + std::to_string(free) +
                            " bytes free, below server.min_free_disk_bytes (" + std::to_string(min_free_bytes_) +
                            "): writes are refused until space is freed; reads go on");
        }
    }
    const std::uint64_t sequence = wal_.append(record);
    maybe_snapshot_in_background();
    return sequence;
}

void CatalogStorage::snapshot() {
    std::lock_guard one_at_a_time(snapshot_mutex_);
    const auto started = std::chrono::steady_clock::now();
    const auto record = [&](bool ok) {
        if (const auto* m = metrics_.load()) {
            m->snapshot_taken(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), ok);
        }
    };
    try {
        write_snapshot();
    } catch (...) {
        record(false);
        throw;
    }
    record(true);
}

void CatalogStorage::write_snapshot() {
    // Every record up to `covered` is journaled; the collections listed afterwards include every
    // create/drop among them, and write_snapshot() waits until each collection applied its own.
    const std::uint64_t covered = wal_.rotate();
    const auto collections = collections_();
    const fs::path temp = snapshots_.begin(covered);
    try {
        for (const auto& collection : collections)
            collection->write_snapshot(temp / "collections" / collection->schema().name);
        fs::create_directories(temp / "collections");
        snapshots_.commit(covered, temp, 2);
    } catch (...) {
        std::error_code ignored;  // a half-written snapshot must not go on filling the disk
        fs::remove_all(temp, ignored);
        throw;
    }
    wal_.drop_through(log_needed_after_);
    log_needed_after_ = covered;
}

void CatalogStorage::maybe_snapshot_in_background() {
    if (snapshot_every_bytes_ == 0 || wal_.bytes_since_rotate() < snapshot_every_bytes_) return;
    bool idle = false;
    if (!background_running_.compare_exchange_strong(idle, true)) return;
    std::lock_guard lock(thread_mutex_);
    if (background_.joinable()) background_.join();  // finished: it cleared background_running_ last
    background_ = std::thread([this] {
        try {
            snapshot();
        } catch (const std::exception& e) {
            std::cerr << "braid: background snapshot failed: " << e.what() << "\n";
        }
        background_running_ = false;
    });
}

void CatalogStorage::wait_for_background_snapshot() {
    std::lock_guard lock(thread_mutex_);
    if (background_.joinable()) background_.join();
}

}  // namespace braid::engine
