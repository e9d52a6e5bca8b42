#include "tests/support/eventually.hpp"

#include <thread>

namespace braid::test_support {

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const bool last_try = std::chrono::steady_clock::now() >= deadline;
        try {
            if (condition()) return true;
        } catch (...) {
            if (last_try) throw;
        }
        if (last_try) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace braid::test_support
