#pragma once
// Waiting for what another process does (a server ready, a node caught up, a health check's
// verdict), bounded: polling is the only way to observe it, and the bound ends a test that waits
// for something that never comes.
#include <chrono>
#include <functional>

namespace braid::test_support {

// Calls `condition` until it returns true (every 20 ms) or `timeout` passes; returns the last
// answer. Exceptions from `condition` count as false until the last try, which rethrows.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

}  // namespace braid::test_support
