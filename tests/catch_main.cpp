// The Catch2 runner of every test executable, with two additions: BRAID_SKIP
// (tests/support/skip.hpp): when every test case of the run was skipped, the exit code is
// kSkipExitCode, which ctest reports as "Skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt); and a
// run that selected no test case at all fails instead of passing.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "tests/support/skip.hpp"

namespace {

struct RunRecord {
    std::mutex mutex;
    std::set<std::string> started;
    std::map<std::string, std::string> skipped;  // test case -> reason
};

RunRecord& run_record() {
    static RunRecord record;
    return record;
}

struct SkipListener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(const Catch::TestCaseInfo& info) override {
        std::lock_guard lock(run_record().mutex);
        run_record().started.insert(info.name);
    }
};

}  // namespace

CATCH_REGISTER_LISTENER(SkipListener)

namespace braid::test_support {

void record_skip(const std::string& test_case, const std::string& reason) {
    std::lock_guard lock(run_record().mutex);
    run_record().skipped.emplace(test_case, reason);
}

}  // namespace braid::test_support

int main(int argc, char* argv[]) {
    Catch::Session session;
    const int result = session.run(argc, argv);
    auto& record = run_record();
    const Catch::Config& config = session.config();
    const bool listing = session.configData().showHelp || config.listTests() || config.listTestNamesOnly() ||
                         config.listTags() || config.listReporters();
    // A ctest entry whose filter matches no test case (e.g. a name split at a ';') must not pass;
    // Catch2 v2 takes only one -w, so -w NoTests cannot join -w NoAssertions.
    if (result == 0 && !listing && record.started.empty()) {
        std::cerr << "no test case matched the filter: nothing ran\n";
        return 1;
    }
    for (const auto& [test_case, reason] : record.skipped) {
        std::cerr << "SKIPPED: " << test_case << ": " << reason << "\n";
    }
    const bool all_skipped = !record.started.empty() && record.skipped.size() == record.started.size();
    if (result == 0 && all_skipped) return braid::test_support::kSkipExitCode;
    return result;
}
