#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace braid::dense::walk {

// (distance, node id) in an HNSW walk; a smaller distance is better.
using Node = std::pair<float, std::int32_t>;

// The two heaps of a best-first walk, as std::vector<Node> kept in std heap order: the candidates
// as a min-heap by distance (the next node to expand on top), the nearest nodes seen as a
// max-heap (the worst on top). These do what the std heap algorithms do, step for step (so the
// same heap, even with equal distances, and the same walk), but pick between two children
// without a branch: which of two distances is larger is a coin toss the predictor loses at
// every level.

inline constexpr auto closer_first = [](const Node& a, const Node& b) { return a.first > b.first; };   // min-heap
inline constexpr auto farther_first = [](const Node& a, const Node& b) { return a.first < b.first; };  // max-heap

// std::pop_heap(begin, end, closer_first) then pop_back, as libstdc++ runs it: the hole goes down
// to a leaf along the closer children, then the last node sifts up from there.
inline void pop_closest(std::vector<Node>& heap) {
    Node* const nodes = heap.data();
    const auto size = static_cast<std::ptrdiff_t>(heap.size()) - 1;  // without the last node, which moves
    const Node moved = nodes[size];
    std::ptrdiff_t hole = 0;
    std::ptrdiff_t child = 0;
    while (child < (size - 1) / 2) {
        child = 2 * (child + 1);
        child -= static_cast<std::ptrdiff_t>(nodes[child].first > nodes[child - 1].first);
        nodes[hole] = nodes[child];
        hole = child;
    }
    if ((size & 1) == 0 && child == (size - 2) / 2) {  // a last node with one child
        child = 2 * (child + 1);
        nodes[hole] = nodes[child - 1];
        hole = child - 1;
    }
    for (std::ptrdiff_t parent = (hole - 1) / 2; hole > 0 && nodes[parent].first > moved.first;
         parent = (hole - 1) / 2) {
        nodes[hole] = nodes[parent];
        hole = parent;
    }
    nodes[hole] = moved;
    heap.pop_back();
}

// Replaces the worst node of a max-heap by `node` (closer) in one sift-down, where pop_heap +
// push_heap would sift down to a leaf and back up: the node stops at the first hole whose
// larger child is not farther than it.
inline void replace_farthest(std::vector<Node>& heap, Node node) {
    Node* const nodes = heap.data();
    const std::size_t size = heap.size();
    std::size_t hole = 0;
    std::size_t child = 1;
    for (; child + 1 < size; child = 2 * hole + 1) {
        child += static_cast<std::size_t>(nodes[child + 1].first > nodes[child].first);
        if (!(nodes[child].first > node.first)) {
            nodes[hole] = node;
            return;
        }
        nodes[hole] = nodes[child];
        hole = child;
    }
    if (child < size && nodes[child].first > node.first) {  // a last node with one child
        nodes[hole] = nodes[child];
        hole = child;
    }
    nodes[hole] = node;
}

// Keeps in a max-heap the `limit` smallest distances offered.
inline void keep_nearest(std::vector<Node>& heap, std::size_t limit, Node node) {
    if (heap.size() < limit) {
        heap.push_back(node);
        std::push_heap(heap.begin(), heap.end(), farther_first);
    } else if (node.first < heap.front().first) {
        replace_farthest(heap, node);
    }
}

}  // namespace braid::dense::walk
