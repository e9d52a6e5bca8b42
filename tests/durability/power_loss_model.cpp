#include "tests/durability/power_loss_model.hpp"

#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

#include "tests/durability/durability_support.hpp"

namespace braid::durability {

namespace fs = std::filesystem;
using fsrec::EventType;
namespace flags = fsrec::event_flags;

std::vector<FsEvent> read_event_log(const fs::path& log) {
    const std::string bytes = read_bytes(log);
    std::vector<FsEvent> events;
    std::size_t pos = 0;
    while (pos + sizeof(fsrec::EventHeader) <= bytes.size()) {
        FsEvent e;
        std::memcpy(&e.header, bytes.data() + pos, sizeof e.header);
        if (e.header.magic != fsrec::kEventMagic) throw std::runtime_error("event log: bad record at " + std::to_string(pos));
        const std::size_t body = sizeof e.header + e.header.path_size + e.header.extra_size;
        if (pos + body > bytes.size()) break;
        e.path.assign(bytes, pos + sizeof e.header, e.header.path_size);
        e.extra.assign(bytes, pos + sizeof e.header + e.header.path_size, e.header.extra_size);
        events.push_back(std::move(e));
        pos += body;
    }
    return events;
}

std::size_t count_syncs(const std::vector<FsEvent>& events, const std::string& path_part) {
    std::map<std::uint64_t, std::string> path_of_inode;
    std::size_t syncs = 0;
    for (const FsEvent& e : events) {
        if (e.header.type == EventType::open) path_of_inode[e.header.inode] = e.path;
        if (e.header.type == EventType::sync_begin &&
            path_of_inode[e.header.inode].find(path_part) != std::string::npos) {
            ++syncs;
        }
    }
    return syncs;
}

std::string RebuildSummary::describe() const {
    return std::to_string(files) + " files, " + std::to_string(folders) + " folders; file operations not synced: " +
           std::to_string(file_ops_unsynced) + " (dropped " + std::to_string(file_ops_dropped) + ", torn " +
           std::to_string(torn_writes) + "); folder operations not synced: " + std::to_string(folder_ops_unsynced) +
           " (reverted " + std::to_string(folder_ops_reverted) + "); lost to failed syncs: " +
           std::to_string(ops_lost_to_failed_syncs);
}

namespace {

void apply_file_op(std::string& data, bool truncate, std::uint64_t offset, std::string_view bytes) {
    if (truncate) {
        data.resize(offset, '\0');
        return;
    }
    if (data.size() < offset + bytes.size()) data.resize(offset + bytes.size(), '\0');
    data.replace(offset, bytes.size(), bytes);
}

std::uint64_t inode_of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat " + path.string());
    return st.st_ino;
}

}  // namespace

PowerLossModel::PowerLossModel(const fs::path& root) : root_(fs::absolute(root).lexically_normal().string()) {
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
    const int top = add_node(true);
    inodes_[inode_of(root)] = top;
    scan(root, top);
}

void PowerLossModel::scan(const fs::path& dir, int node) {
    for (const auto& entry : fs::directory_iterator(dir)) {
        const bool folder = entry.is_directory();
        const int child = add_node(folder);
        inodes_[inode_of(entry.path())] = child;
        if (folder) {
            scan(entry.path(), child);
        } else {
            nodes_[child].durable = read_bytes(entry.path());
        }
        const std::string name = entry.path().filename().string();
        nodes_[node].durable_entries[name] = child;
        nodes_[node].live_entries[name] = child;
    }
}

int PowerLossModel::add_node(bool folder) {
    nodes_.emplace_back();
    nodes_.back().folder = folder;
    return static_cast<int>(nodes_.size() - 1);
}

void PowerLossModel::out_of_step(const FsEvent& event, const std::string& why) const {
    throw std::runtime_error("power-loss model out of step with the recorded events (event type " +
                             std::to_string(static_cast<int>(event.header.type)) + ", path '" + event.path +
                             "', inode " + std::to_string(event.header.inode) + "): " + why);
}

int PowerLossModel::node_of_inode(std::uint64_t inode, const FsEvent& event) const {
    const auto it = inodes_.find(inode);
    if (it == inodes_.end()) out_of_step(event, "unknown inode");
    return it->second;
}

PowerLossModel::Parent PowerLossModel::parent_of(const std::string& path, const FsEvent& event) const {
    if (path.size() <= root_.size() + 1 || path.compare(0, root_.size() + 1, root_ + "/") != 0) {
        out_of_step(event, "not inside " + root_);
    }
    const std::string relative = path.substr(root_.size() + 1);
    int node = 0;
    std::size_t pos = 0;
    for (;;) {
        const std::size_t slash = relative.find('/', pos);
        if (slash == std::string::npos) return Parent{node, relative.substr(pos)};
        const auto& entries = nodes_[node].live_entries;
        const auto it = entries.find(relative.substr(pos, slash - pos));
        if (it == entries.end() || !nodes_[it->second].folder) out_of_step(event, "a parent folder is unknown");
        node = it->second;
        pos = slash + 1;
    }
}

int PowerLossModel::live_child(const Parent& parent) const {
    const auto& entries = nodes_[parent.node].live_entries;
    const auto it = entries.find(parent.name);
    return it == entries.end() ? -1 : it->second;
}

void PowerLossModel::settle(int id, std::uint64_t upto, bool durable) {
    Node& n = nodes_[id];
    while (n.settled < upto && (!n.file_pending.empty() || !n.folder_pending.empty())) {
        if (n.folder) {
            const FolderOp op = n.folder_pending.front();
            n.folder_pending.pop_front();
            if (durable) {
                if (op.kind == FolderOp::add) n.durable_entries[op.name] = op.node;
                if (op.kind == FolderOp::remove) n.durable_entries.erase(op.name);
                if (op.kind == FolderOp::rename) {
                    const auto it = n.durable_entries.find(op.name);
                    if (it != n.durable_entries.end()) {
                        const int moved = it->second;
                        n.durable_entries.erase(it);
                        n.durable_entries[op.to] = moved;
                    }
                }
            }
        } else {
            const FileOp op = std::move(n.file_pending.front());
            n.file_pending.pop_front();
            if (durable) apply_file_op(n.durable, op.truncate, op.offset, op.bytes);
        }
        if (!durable) ++lost_to_failed_syncs_;
        ++n.settled;
    }
}

void PowerLossModel::apply(const FsEvent& event) {
    const fsrec::EventHeader& h = event.header;
    switch (h.type) {
        case EventType::open: {
            if (event.path == root_) {
                inodes_[h.inode] = 0;
                return;
            }
            const Parent parent = parent_of(event.path, event);
            int node = live_child(parent);
            if (h.flags & flags::created) {
                if (node >= 0) out_of_step(event, "created a file that exists");
                node = add_node(false);
                nodes_[parent.node].live_entries[parent.name] = node;
                nodes_[parent.node].folder_pending.push_back(FolderOp{FolderOp::add, parent.name, {}, node});
            } else if (node < 0) {
                out_of_step(event, "opened a file the model does not have");
            }
            inodes_[h.inode] = node;
            if (h.flags & flags::truncated) nodes_[node].file_pending.push_back(FileOp{true, 0, {}});
            return;
        }
        case EventType::write:
        case EventType::truncate: {
            Node& node = nodes_[node_of_inode(h.inode, event)];
            if (node.folder) out_of_step(event, "a write to a folder (a descriptor taken for another)");
            node.file_pending.push_back(FileOp{h.type == EventType::truncate, h.offset, event.extra});
            return;
        }
        case EventType::sync_begin: {
            const int node = node_of_inode(h.inode, event);
            syncs_in_flight_[h.offset] = {node, nodes_[node].total_ops()};
            return;
        }
        case EventType::sync_end: {
            const auto it = syncs_in_flight_.find(h.offset);
            if (it == syncs_in_flight_.end()) out_of_step(event, "a sync ended that never began");
            settle(it->second.first, it->second.second, h.result == 0);
            syncs_in_flight_.erase(it);
            return;
        }
        case EventType::mkdir: {
            const Parent parent = parent_of(event.path, event);
            if (live_child(parent) >= 0) out_of_step(event, "created a folder that exists");
            const int node = add_node(true);
            inodes_[h.inode] = node;
            nodes_[parent.node].live_entries[parent.name] = node;
            nodes_[parent.node].folder_pending.push_back(FolderOp{FolderOp::add, parent.name, {}, node});
            return;
        }
        case EventType::rename: {
            const Parent from = parent_of(event.path, event);
            const Parent to = parent_of(event.extra, event);
            const int node = live_child(from);
            if (node < 0) out_of_step(event, "renamed a path the model does not have");
            nodes_[from.node].live_entries.erase(from.name);
            nodes_[to.node].live_entries[to.name] = node;
            if (from.node == to.node) {
                nodes_[from.node].folder_pending.push_back(FolderOp{FolderOp::rename, from.name, to.name, node});
            } else {
                nodes_[from.node].folder_pending.push_back(FolderOp{FolderOp::remove, from.name, {}, node});
                nodes_[to.node].folder_pending.push_back(FolderOp{FolderOp::add, to.name, {}, node});
            }
            return;
        }
        case EventType::unlink: {
            const Parent parent = parent_of(event.path, event);
            if (live_child(parent) < 0) out_of_step(event, "removed a path the model does not have");
            nodes_[parent.node].live_entries.erase(parent.name);
            nodes_[parent.node].folder_pending.push_back(FolderOp{FolderOp::remove, parent.name, {}, -1});
            return;
        }
        case EventType::listening:
            return;
    }
    out_of_step(event, "unknown event type");
}

RebuildSummary PowerLossModel::rebuild(const fs::path& target, Survival survival, std::mt19937_64& rng) const {
    RebuildSummary summary;
    summary.ops_lost_to_failed_syncs = lost_to_failed_syncs_;
    // How many of n unsynced operations survive: none, all, or a random count, a third each.
    const auto surviving = [&](std::size_t n) -> std::size_t {
        if (survival == Survival::none || n == 0) return 0;
        switch (rng() % 3) {
            case 0: return 0;
            case 1: return n;
            default: return static_cast<std::size_t>(rng() % (n + 1));
        }
    };
    std::set<int> folders_done;
    const auto write_node = [&](auto& self, int id, const fs::path& path, int depth) -> void {
        const Node& n = nodes_[id];
        if (!n.folder) {
            std::string data = n.durable;
            const std::size_t keep = surviving(n.file_pending.size());
            for (std::size_t i = 0; i < keep; ++i) {
                apply_file_op(data, n.file_pending[i].truncate, n.file_pending[i].offset, n.file_pending[i].bytes);
            }
            summary.file_ops_unsynced += n.file_pending.size();
            summary.file_ops_dropped += n.file_pending.size() - keep;
            if (keep < n.file_pending.size() && survival == Survival::random && rng() % 2 == 0) {
                const FileOp& torn = n.file_pending[keep];
                if (!torn.truncate && !torn.bytes.empty()) {
                    const std::size_t part = static_cast<std::size_t>(rng() % torn.bytes.size());
                    apply_file_op(data, false, torn.offset, std::string_view(torn.bytes).substr(0, part));
                    ++summary.torn_writes;
                }
            }
            write_bytes(path, data);
            ++summary.files;
            return;
        }
        if (depth > 64 || !folders_done.insert(id).second) return;  // a folder appears once
        fs::create_directory(path);
        ++summary.folders;
        std::map<std::string, int> entries = n.durable_entries;
        const std::size_t keep = surviving(n.folder_pending.size());
        for (std::size_t i = 0; i < keep; ++i) {
            const FolderOp& op = n.folder_pending[i];
            if (op.kind == FolderOp::add) entries[op.name] = op.node;
            if (op.kind == FolderOp::remove) entries.erase(op.name);
            if (op.kind == FolderOp::rename && entries.contains(op.name)) {
                const int moved = entries[op.name];
                entries.erase(op.name);
                entries[op.to] = moved;
            }
        }
        summary.folder_ops_unsynced += n.folder_pending.size();
        summary.folder_ops_reverted += n.folder_pending.size() - keep;
        for (const auto& [name, child] : entries) self(self, child, path / name, depth + 1);
    };
    write_node(write_node, 0, target, 0);
    return summary;
}

}  // namespace braid::durability
