// The power-loss model on hand-written event sequences: what it keeps is what POSIX promises after
// fsync, and no more.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <random>

#include "tests/durability/durability_support.hpp"
#include "tests/durability/power_loss_model.hpp"

namespace braid::durability {
namespace {

namespace fs = std::filesystem;
using fsrec::EventType;
namespace flags = fsrec::event_flags;

constexpr std::uint64_t kFile = 900000001;  // inodes of files the events create (not on disk)
constexpr std::uint64_t kFolder = 900000002;

std::uint64_t inode_of(const fs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_ino;
}

FsEvent event(EventType type, std::uint64_t inode, std::string path = {}, std::uint64_t offset = 0,
              std::uint32_t event_flags = 0, std::int32_t result = 0, std::string extra = {}) {
    FsEvent e;
    e.header = fsrec::EventHeader{fsrec::kEventMagic, type, event_flags, result, inode, offset, 0, 0};
    e.path = std::move(path);
    e.extra = std::move(extra);
    return e;
}

class Scenario {
public:
    Scenario() {
        fs::create_directories(root());
        write_bytes(root() / "old.txt", "old");
    }
    fs::path root() const { return dir_.path() / "data"; }
    std::string at(const std::string& name) const { return (root() / name).string(); }

    void create(const std::string& name, std::uint64_t inode) {
        events_.push_back(event(EventType::open, inode, at(name), 0, flags::created));
    }
    void write(std::uint64_t inode, std::uint64_t offset, const std::string& bytes) {
        events_.push_back(event(EventType::write, inode, {}, offset, 0, 0, bytes));
    }
    void sync(std::uint64_t inode, int result = 0) {
        const std::uint64_t id = ++syncs_;
        events_.push_back(event(EventType::sync_begin, inode, {}, id));
        events_.push_back(event(EventType::sync_end, inode, {}, id, 0, result));
    }
    void sync_root() {
        events_.push_back(event(EventType::open, inode_of(root()), root().string(), 0, flags::directory));
        sync(inode_of(root()));
    }
    void rename(const std::string& from, const std::string& to) {
        events_.push_back(event(EventType::rename, 0, at(from), 0, 0, 0, at(to)));
    }
    void unlink(const std::string& name) { events_.push_back(event(EventType::unlink, 0, at(name))); }
    void mkdir(const std::string& name, std::uint64_t inode) { events_.push_back(event(EventType::mkdir, inode, at(name))); }

    // The image when nothing unsynced survives.
    fs::path worst_case() {
        PowerLossModel model(root());
        for (const FsEvent& e : events_) model.apply(e);
        const fs::path image = dir_.path() / ("image" + std::to_string(images_++));
        std::mt19937_64 rng(1);
        model.rebuild(image, Survival::none, rng);
        return image;
    }
    std::vector<FsEvent>& events() { return events_; }

private:
    test_support::TempDir dir_{"braid-power-loss-model"};
    std::vector<FsEvent> events_;
    std::uint64_t syncs_ = 0;
    int images_ = 0;
};

}  // namespace

TEST_CASE("power-loss model: a new file survives only with its data and its folder entry synced", "[durability][power-loss-model]") {
    Scenario s;
    s.create("a.log", kFile);
    s.write(kFile, 0, "hello");
    SECTION("nothing synced: the file is not there") { CHECK_FALSE(fs::exists(s.worst_case() / "a.log")); }
    SECTION("data synced, folder not: not there either") {
        s.sync(kFile);
        CHECK_FALSE(fs::exists(s.worst_case() / "a.log"));
    }
    SECTION("folder synced, data not: there, empty") {
        s.sync_root();
        CHECK(read_bytes(s.worst_case() / "a.log").empty());
    }
    SECTION("both: there with the synced bytes, not the later ones") {
        s.sync(kFile);
        s.sync_root();
        s.write(kFile, 5, " world");
        const fs::path image = s.worst_case();
        CHECK(read_bytes(image / "a.log") == "hello");
        CHECK(read_bytes(image / "old.txt") == "old");  // the starting image is durable
    }
}

TEST_CASE("power-loss model: renames and removals need the folder's sync", "[durability][power-loss-model]") {
    Scenario s;
    s.rename("old.txt", "new.txt");
    s.unlink("new.txt");
    SECTION("unsynced: reverted") {
        const fs::path image = s.worst_case();
        CHECK(read_bytes(image / "old.txt") == "old");
        CHECK_FALSE(fs::exists(image / "new.txt"));
    }
    SECTION("synced: done") {
        s.sync_root();
        const fs::path image = s.worst_case();
        CHECK_FALSE(fs::exists(image / "old.txt"));
        CHECK_FALSE(fs::exists(image / "new.txt"));
    }
}

TEST_CASE("power-loss model: a new folder needs its parent's sync, its entries its own", "[durability][power-loss-model]") {
    Scenario s;
    s.mkdir("wal", kFolder);
    s.create("wal/seg", kFile);
    s.write(kFile, 0, "record");
    s.sync(kFile);
    s.events().push_back(event(EventType::open, kFolder, s.at("wal"), 0, flags::directory));
    s.sync(kFolder);
    SECTION("the parent not synced: the folder and all in it are gone") { CHECK_FALSE(fs::exists(s.worst_case() / "wal")); }
    SECTION("the parent synced too: all there") {
        s.sync_root();
        CHECK(read_bytes(s.worst_case() / "wal" / "seg") == "record");
    }
}

TEST_CASE("power-loss model: a failed sync loses its writes even when a later sync succeeds", "[durability][power-loss-model]") {
    Scenario s;
    s.create("a.log", kFile);
    s.sync_root();
    s.write(kFile, 0, "one");
    s.sync(kFile);
    s.write(kFile, 3, "two");
    s.sync(kFile, 5 /* EIO */);
    s.write(kFile, 6, "three");
    s.sync(kFile);
    // "two" never reached the disk: a hole where it was, "three" after it.
    CHECK(read_bytes(s.worst_case() / "a.log") == std::string("one") + std::string(3, '\0') + "three");
}

TEST_CASE("power-loss model: operations on paths it does not know are reported, not ignored", "[durability][power-loss-model]") {
    Scenario s;
    s.write(kFile, 0, "no open before");
    CHECK_THROWS_AS(s.worst_case(), std::runtime_error);
}

}  // namespace braid::durability
