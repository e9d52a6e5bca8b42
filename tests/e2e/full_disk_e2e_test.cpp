// A full disk, as a new user meets it: data_dir on a 12 MB tmpfs, written until braid refuses.
// Writes answer 507 before the journal meets ENOSPC, reads go on, a snapshot that cannot be
// written leaves no temporary folder behind, and every acknowledged write survives a restart.
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "tests/support/braid_process.hpp"
#include "tests/support/docs_fixture.hpp"
#include "tests/support/skip.hpp"
#include "tests/support/temp_dir.hpp"

using namespace braid::test_support;
using braid::http::Client;
namespace fs = std::filesystem;

namespace {

// A tmpfs mounted for the test's life (lazily unmounted, so a crashed server cannot keep it busy).
class SmallDisk {
public:
    explicit SmallDisk(fs::path where) : where_(std::move(where)) {
        fs::create_directories(where_);
        mounted_ = ::mount("tmpfs", where_.c_str(), "tmpfs", 0, "size=12m") == 0;
        if (!mounted_) error_ = std::strerror(errno);
    }
    ~SmallDisk() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    bool mounted() const { return mounted_; }
    const std::string& error() const { return error_; }

private:
    fs::path where_;
    bool mounted_ = false;
    std::string error_;
};

std::size_t unfinished_snapshots(const fs::path& snapshots) {
    std::size_t count = 0;
    if (!fs::exists(snapshots)) return 0;
    for (const auto& entry : fs::directory_iterator(snapshots)) {
        if (entry.path().filename().string().rfind("tmp-snap-", 0) == 0) ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("a full disk: 507 before the journal meets ENOSPC, reads go on, nothing acknowledged is lost",
          "[e2e][full-disk]") {
    if (::geteuid() != 0) BRAID_SKIP("mounting a 12 MB tmpfs needs root");
    TempDir dir;
    SmallDisk disk(dir / "data");  // the test config's data_dir
    if (!disk.mounted()) BRAID_SKIP("cannot mount a tmpfs here: " + disk.error());
    const auto config = dir.write("braid.json", test_config(R"(, "min_free_disk_bytes": 2097152, "snapshot_every_bytes": 1073741824)"));

    std::set<std::string> acknowledged;
    const std::string text(3000, 'x');
    {
        BraidServer server(config);
        Client c("127.0.0.1", server.port());
        braid::http::ClientResponse refused;
        for (int i = 0; i < 10000; ++i) {
            const std::string id = "doc" + std::to_string(i);
            const auto answer = c.request("PUT", "/collections/docs/documents/" + id,
                                          R"({"title": "full disk )" + std::to_string(i) + R"(", "body": ")" + text + "\"}");
            if (answer.status == 201) {
                acknowledged.insert(id);
                continue;
            }
            refused = answer;
            break;
        }
        INFO(refused.body);
        REQUIRE(refused.status == 507);
        CHECK(json_of(refused).at("error").at("type") == "insufficient_storage");
        CHECK(std::string(json_of(refused).at("error").at("message").as_string()).find("min_free_disk_bytes") !=
              std::string::npos);
        CHECK(acknowledged.size() > 100);  // the disk really took writes first

        // Reads go on; the metric says how little is left.
        CHECK(c.request("GET", "/collections/docs/documents/doc0").status == 200);
        CHECK(c.request("POST", "/collections/docs/search", R"({"query": "disk"})").status == 200);
        const auto metrics = c.request("GET", "/metrics").body;
        CHECK(metrics.find("braid_data_dir_free_bytes ") != std::string::npos);
        CHECK(c.request("PUT", "/collections/docs/documents/more", R"({"title": "x"})").status == 507);

        server.terminate();  // its snapshot may not fit: either way no temporary folder may stay
        INFO(server.stderr_text());
        CHECK(unfinished_snapshots(dir / "data" / "snapshots") == 0);
    }
    BraidServer again(config);
    Client c("127.0.0.1", again.port());
    CHECK(json_of(c.request("GET", "/collections/docs")).at("stats").at("documents") == acknowledged.size());
    for (const char* id : {"doc0", "doc50", "doc100"}) CHECK(c.request("GET", std::string("/collections/docs/documents/") + id).status == 200);
    const std::string last = "doc" + std::to_string(acknowledged.size() - 1);
    CHECK(c.request("GET", "/collections/docs/documents/" + last).status == 200);
}
