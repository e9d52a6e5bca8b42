#pragma once
// The record format of the file-system event log that the preloaded recorder
// (fs_recorder.cpp beside this file) appends to and the power-loss tests read back.
// Each record: an EventHeader, then `path_size` bytes of path, then `extra_size` bytes (a second
// path for renames, the written bytes for writes). Paths are absolute and lexically normal.
#include <cstdint>

namespace braid::fsrec {

inline constexpr std::uint32_t kEventMagic = 0x50574c45;  // "ELWP"

enum class EventType : std::uint32_t {
    open = 1,        // path, inode; flags: created, truncated, directory
    write = 2,       // inode, offset, extra = bytes
    truncate = 3,    // inode, offset = new size
    sync_begin = 4,  // inode, sync id, flags: data_only; path = the descriptor's path when opened
    sync_end = 5,    // inode, sync id, result = 0 or the errno it failed with (flags: injected)
    mkdir = 6,       // path, inode
    rename = 7,      // path -> extra (the new path)
    unlink = 8,      // path (a file or an empty folder)
    listening = 9,   // the process called listen(): recovery is over
};

namespace event_flags {
inline constexpr std::uint32_t created = 1;
inline constexpr std::uint32_t truncated = 2;
inline constexpr std::uint32_t directory = 4;
inline constexpr std::uint32_t data_only = 8;  // fdatasync rather than fsync
inline constexpr std::uint32_t injected = 16;  // the failure was injected, the real call not made
}  // namespace event_flags

struct EventHeader {
    std::uint32_t magic;
    EventType type;
    std::uint32_t flags;
    std::int32_t result;
    std::uint64_t inode;
    std::uint64_t offset;     // write offset, truncate size, or sync id
    std::uint32_t path_size;
    std::uint32_t extra_size;
};

// Environment variables the recorder reads.
inline constexpr const char* kLogEnv = "BRAID_FSREC_LOG";              // the log file (appended to)
inline constexpr const char* kRootEnv = "BRAID_FSREC_ROOT";            // only paths under it are recorded
inline constexpr const char* kKillAfterEnv = "BRAID_FSREC_KILL_AFTER";  // SIGKILL itself after N events...
inline constexpr const char* kKillPhaseEnv = "BRAID_FSREC_KILL_PHASE";  // ...counted "startup" or after "listening"
// Which events count towards the kill: "all" (default), "write" (file writes and truncations),
// "namespace" (creations, renames, removals) or "sync" (sync ends).
inline constexpr const char* kKillCountsEnv = "BRAID_FSREC_KILL_COUNTS";
inline constexpr const char* kFailSyncEnv = "BRAID_FSREC_FAIL_SYNC";    // the Nth sync of a matching file fails EIO
inline constexpr const char* kFailSyncMatchEnv = "BRAID_FSREC_FAIL_SYNC_MATCH";  // substring of its path

}  // namespace braid::fsrec
