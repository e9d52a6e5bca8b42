#pragma once
// What a disk holds after a power cut, rebuilt from the recorder's event log
// (tests/durability/interposer): a file's bytes survive only up to its last successful
// fsync/fdatasync, a folder's entries (creations, renames, removals) only up to that folder's last
// successful fsync. Whatever came later survives only partly: a random prefix of the later file
// operations with the last one possibly torn mid-write, a random prefix of the later folder
// operations. A failed sync loses the writes it should have made durable, even if a later sync
// succeeds (Linux marks the pages clean after a writeback error).
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tests/durability/interposer/fs_event.hpp"

namespace braid::durability {

struct FsEvent {
    fsrec::EventHeader header{};
    std::string path;
    std::string extra;
};

// Every whole record of the log (a torn last record is ignored).
std::vector<FsEvent> read_event_log(const std::filesystem::path& log);

// How many fdatasync/fsync calls the events made on files whose path contains `path_part`.
std::size_t count_syncs(const std::vector<FsEvent>& events, const std::string& path_part);

// How the rebuild treats what no sync made durable.
enum class Survival {
    random,      // a random part of it survives (a real power cut)
    none,        // none of it does (the worst case)
};

struct RebuildSummary {
    std::size_t files = 0, folders = 0;
    std::size_t file_ops_unsynced = 0, file_ops_dropped = 0, torn_writes = 0;
    std::size_t folder_ops_unsynced = 0, folder_ops_reverted = 0;
    std::size_t ops_lost_to_failed_syncs = 0;
    std::string describe() const;
};

class PowerLossModel {
public:
    // Takes the folder as it is now as durable (the starting image of a run).
    explicit PowerLossModel(const std::filesystem::path& root);

    // Feeds one recorded event; throws std::runtime_error when it does not fit the model (an
    // operation on a path or file the model does not know: the recorder missed a call).
    void apply(const FsEvent& event);

    // Writes what survives into `target` (a new folder).
    RebuildSummary rebuild(const std::filesystem::path& target, Survival survival, std::mt19937_64& rng) const;

private:
    struct FileOp {
        bool truncate = false;
        std::uint64_t offset = 0;  // write offset, or the size truncated to
        std::string bytes;
    };
    struct FolderOp {
        enum Kind { add, remove, rename } kind = add;
        std::string name, to;
        int node = -1;
    };
    struct Node {
        bool folder = false;
        std::string durable;                         // file bytes as the disk holds them
        std::deque<FileOp> file_pending;             // file operations since
        std::map<std::string, int> durable_entries;  // folder entries as the disk holds them
        std::map<std::string, int> live_entries;     // folder entries as the process sees them
        std::deque<FolderOp> folder_pending;
        std::uint64_t settled = 0;                   // operations made durable or lost so far
        std::uint64_t total_ops() const { return settled + file_pending.size() + folder_pending.size(); }
    };
    struct Parent {
        int node = -1;
        std::string name;
    };

    int add_node(bool folder);
    int node_of_inode(std::uint64_t inode, const FsEvent& event) const;
    Parent parent_of(const std::string& path, const FsEvent& event) const;
    int live_child(const Parent& parent) const;
    void settle(int node, std::uint64_t upto, bool durable);
    void scan(const std::filesystem::path& dir, int node);
    [[noreturn]] void out_of_step(const FsEvent& event, const std::string& why) const;

    std::string root_;  // absolute, lexically normal
    std::vector<Node> nodes_;
    std::map<std::uint64_t, int> inodes_;
    std::map<std::uint64_t, std::pair<int, std::uint64_t>> syncs_in_flight_;  // id -> node, ops it covers
    std::size_t lost_to_failed_syncs_ = 0;
};

}  // namespace braid::durability
