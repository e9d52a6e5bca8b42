#pragma once
// What a client thread knows about the ids it owns: the state of each id's last acknowledged
// write, and the states of writes sent afterwards whose answer never came (they may or may not
// have been applied when the server died). Versions identify document contents; nullopt = absent.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace braid::durability {

using DocState = std::optional<int>;

struct IdHistory {
    DocState acknowledged;           // absent until a write was acknowledged
    std::vector<DocState> in_doubt;  // sent after it, never answered
    std::optional<int> last_present; // a version verified present earlier (for "stays deleted" searches)

    bool allows(const DocState& state) const {
        if (state == acknowledged) return true;
        for (const auto& s : in_doubt) {
            if (s == state) return true;
        }
        return false;
    }
};

class AckLedger {
public:
    void sent(const std::string& id, DocState state) { ids_[id].in_doubt.push_back(state); }
    void acknowledged(const std::string& id, DocState state) {
        IdHistory& h = ids_[id];
        h.acknowledged = state;
        h.in_doubt.clear();
        ++acknowledged_writes_;
    }
    // After a restart verified `state` as what the server holds: it is the new baseline.
    void settle(const std::string& id, DocState state) {
        IdHistory& h = ids_[id];
        h.acknowledged = state;
        h.in_doubt.clear();
        if (state) h.last_present = state;
    }
    DocState acknowledged_state(const std::string& id) const {
        const auto it = ids_.find(id);
        return it == ids_.end() ? DocState{} : it->second.acknowledged;
    }
    const std::map<std::string, IdHistory>& ids() const { return ids_; }
    std::size_t acknowledged_writes() const { return acknowledged_writes_; }

private:
    std::map<std::string, IdHistory> ids_;
    std::size_t acknowledged_writes_ = 0;
};

inline std::string describe(const DocState& state) { return state ? "version " + std::to_string(*state) : "absent"; }

}  // namespace braid::durability
