#pragma once
#include <cstddef>
#include <vector>

namespace braid::dense::test {

// The plain, branchy one-pass sift-down of a max-heap by distance (`.first`): `node` takes the
// farthest's place at the top; the larger child goes up, the right one only when strictly larger.
// The reference the walk's heaps are measured against.
template <class Node>
void replace_farthest_plainly(std::vector<Node>& heap, Node node) {
    std::size_t hole = 0;
    for (std::size_t child = 1; child < heap.size(); child = 2 * hole + 1) {
        if (child + 1 < heap.size() && heap[child + 1].first > heap[child].first) ++child;
        if (!(heap[child].first > node.first)) break;
        heap[hole] = heap[child];
        hole = child;
    }
    heap[hole] = node;
}

}  // namespace braid::dense::test
