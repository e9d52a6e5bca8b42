// Write-ahead log throughput: 1 KiB records appended durably by 1, 4 and 16 concurrent writers.
//
// ours: storage::WriteAheadLog (group commit: one fdatasync covers every record written before it).
// peers, on the same disk in the same run, same 20-byte header + payload per record:
//   serialized:    the textbook log without group commit: one mutex, and each append does
//                  write() + fdatasync() before the next writer may go.
//   uncoordinated: every writer does its own O_APPEND write() + fdatasync() with no lock, leaving
//                  any batching to the kernel (ext4/jbd2 merges concurrent commits).
// Each (writer count, log) pair runs for --seconds; the figures are medians over --repeat runs.
//
//   build/bench/bench_wal [--dir PATH] [--seconds 3] [--repeat 3] [--payload 1024] [--writers 1,4,16]
//                         [--max-syncs N]   (WalOptions::max_concurrent_syncs; default the library's)
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_stats.hpp"
#include "storage/write_ahead_log.hpp"

namespace fs = std::filesystem;
using braid::bench::Clock;
using braid::bench::median;
using braid::bench::seconds_since;

namespace {

braid::storage::WalOptions wal_options(unsigned max_concurrent_syncs) {
    braid::storage::WalOptions options;
    options.max_concurrent_syncs = max_concurrent_syncs;
    return options;
}

struct Options {
    fs::path dir = fs::temp_directory_path() / "braid-bench-wal";
    double seconds = 3;
    int repeat = 3;
    std::size_t payload = 1024;
    std::vector<int> writers{1, 4, 16};
    unsigned max_syncs = braid::storage::WalOptions{}.max_concurrent_syncs;
};

struct Run {
    double appends_per_second = 0;
    double megabytes_per_second = 0;
    double syncs_per_record = 0;
};

// Each writer appends until the deadline; returns how many appends finished in time.
template <typename Append>
std::uint64_t drive(int writers, double seconds, Append&& append) {
    std::atomic<std::uint64_t> done{0};
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&] {
            std::uint64_t mine = 0;
            while (Clock::now() < deadline) {
                append();
                ++mine;
            }
            done += mine;
        });
    }
    for (auto& t : threads) t.join();
    return done.load();
}

Run run_ours(const Options& o, int writers, const std::string& payload) {
    fs::remove_all(o.dir);
    Run run;
    {
        braid::storage::WriteAheadLog log(o.dir, wal_options(o.max_syncs));
        log.replay(0, [](std::uint64_t, std::string_view) {});
        const auto start = Clock::now();
        const std::uint64_t records = drive(writers, o.seconds, [&] { log.append(payload); });
        const double elapsed = seconds_since(start);
        run.appends_per_second = records / elapsed;
        run.megabytes_per_second = records * double(payload.size() + 20) / elapsed / 1e6;
        run.syncs_per_record = double(log.sync_count()) / double(records);
    }
    fs::remove_all(o.dir);
    return run;
}

Run run_peer(const Options& o, int writers, const std::string& payload, bool serialized) {
    fs::remove_all(o.dir);
    fs::create_directories(o.dir);
    const fs::path file = o.dir / "peer.log";
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        std::perror(file.c_str());
        std::exit(1);
    }
    std::mutex mutex;
    std::string record(20, 'h');
    record += payload;
    const auto append = [&] {
        if (::write(fd, record.data(), record.size()) != static_cast<ssize_t>(record.size()) || ::fdatasync(fd) != 0) {
            std::perror("peer log");
            std::exit(1);
        }
    };
    const auto start = Clock::now();
    const std::uint64_t records = drive(writers, o.seconds, [&] {
        if (serialized) {
            std::lock_guard lock(mutex);
            append();
        } else {
            append();
        }
    });
    const double elapsed = seconds_since(start);
    ::close(fd);
    fs::remove_all(o.dir);
    return Run{records / elapsed, records * double(record.size()) / elapsed / 1e6, 1.0};
}

Run median_of(const std::vector<Run>& runs) {
    std::vector<double> a, m, s;
    for (const Run& r : runs) {
        a.push_back(r.appends_per_second);
        m.push_back(r.megabytes_per_second);
        s.push_back(r.syncs_per_record);
    }
    return Run{median(a), median(m), median(s)};
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--dir") {
            o.dir = value();
        } else if (arg == "--seconds") {
            o.seconds = std::stod(value());
        } else if (arg == "--repeat") {
            o.repeat = std::stoi(value());
        } else if (arg == "--max-syncs") {
            o.max_syncs = static_cast<unsigned>(std::stoul(value()));
        } else if (arg == "--payload") {
            o.payload = std::stoul(value());
        } else if (arg == "--writers") {
            o.writers.clear();
            const std::string list = value();
            for (std::size_t pos = 0; pos < list.size();) {
                const std::size_t comma = std::min(list.find(',', pos), list.size());
                o.writers.push_back(std::stoi(list.substr(pos, comma - pos)));
                pos = comma + 1;
            }
        } else {
            std::fprintf(stderr,
                         "usage: bench_wal [--dir PATH] [--seconds S] [--repeat N] [--payload BYTES] "
                         "[--writers 1,4,16] [--max-syncs N]\n");
            std::exit(2);
        }
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const std::string payload(o.payload, 'p');
    std::printf("write-ahead log, %zu-byte payloads, durable appends (fdatasync), folder %s, max %u syncs in flight\n",
                o.payload, o.dir.c_str(), o.max_syncs);
    std::printf("%d runs of %.1f s per cell, medians; ratio = ours / peer appends per second\n", o.repeat, o.seconds);
    std::printf("serialized = one write+fdatasync per record under a mutex (no group commit)\n");
    std::printf("uncoordinated = each writer its own write+fdatasync, no lock (kernel batching only)\n\n");
    std::printf("%7s | %10s %7s %9s | %10s %7s %7s | %10s %7s %7s\n", "writers", "ours ap/s", "MB/s", "fsync/rec",
                "serial/s", "MB/s", "ratio", "uncoord/s", "MB/s", "ratio");
    for (int writers : o.writers) {
        std::vector<Run> ours, serial, uncoordinated;
        for (int r = 0; r < o.repeat; ++r) {
            ours.push_back(run_ours(o, writers, payload));
            serial.push_back(run_peer(o, writers, payload, true));
            uncoordinated.push_back(run_peer(o, writers, payload, false));
        }
        const Run a = median_of(ours), b = median_of(serial), c = median_of(uncoordinated);
        std::printf("%7d | %10.0f %7.2f %9.3f | %10.0f %7.2f %6.2fx | %10.0f %7.2f %6.2fx\n", writers,
                    a.appends_per_second, a.megabytes_per_second, a.syncs_per_record, b.appends_per_second,
                    b.megabytes_per_second, a.appends_per_second / b.appends_per_second, c.appends_per_second,
                    c.megabytes_per_second, a.appends_per_second / c.appends_per_second);
        std::fflush(stdout);
    }
    return 0;
}
