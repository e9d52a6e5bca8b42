#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace braid::dense {

// The visited marks of one graph walk: a node is visited when its mark equals the walk's epoch.
// A view into VisitedMarks, held in locals by the walk (not reloaded from the table per node).
class VisitedView {
public:
    VisitedView(std::uint16_t* marks, std::uint16_t epoch) : marks_(marks), epoch_(epoch) {}
    // True when `node` was not visited yet (and marks it).
    bool first_visit(std::int32_t node) const {
        std::uint16_t& mark = marks_[static_cast<std::size_t>(node)];
        if (mark == epoch_) return false;
        mark = epoch_;
        return true;
    }
    // first_visit as 1 or 0, without a branch: whether a neighbour was seen is a coin toss the
    // branch predictor loses, so a walk adds the flag to a count instead of testing it.
    std::size_t first_visit_flag(std::int32_t node) const {
        std::uint16_t& mark = marks_[static_cast<std::size_t>(node)];
        const std::size_t fresh = mark != epoch_;
        mark = epoch_;
        return fresh;
    }
    bool visited(std::int32_t node) const { return marks_[static_cast<std::size_t>(node)] == epoch_; }

private:
    std::uint16_t* marks_;
    std::uint16_t epoch_;
};

// Marks tagged with an epoch (hnswlib's VisitedList): a new walk bumps the epoch and clears
// nothing, except once every 65,535 walks when the epoch wraps. One table per thread, reused.
class VisitedMarks {
public:
    // The marks for a new walk over nodes 0..nodes-1 (the table grows with the graph; new nodes
    // start unvisited).
    VisitedView start(std::size_t nodes) {
        if (marks_.size() < nodes) marks_.resize(nodes, 0);
        if (++epoch_ == 0) {  // wrapped: old marks could alias the new epoch
            std::fill(marks_.begin(), marks_.end(), 0);
            epoch_ = 1;
        }
        return {marks_.data(), epoch_};
    }

private:
    std::vector<std::uint16_t> marks_;
    std::uint16_t epoch_ = 0;
};

}  // namespace braid::dense
