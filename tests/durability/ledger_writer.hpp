#pragma once
// A client thread of the crash and power-loss tests: writes only its own ids (PUT, DELETE, bulk),
// one request at a time, and keeps an AckLedger of what the server acknowledged; and the check
// of a restarted server against those ledgers.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "tests/durability/ack_ledger.hpp"
#include "tests/durability/durability_support.hpp"

namespace braid::durability {

struct WriterOptions {
    int ids = 500;           // ids t<thread>-0 .. t<thread>-(ids-1)
    std::size_t bulk = 200;  // documents per bulk request
    std::size_t max_steps = 0;  // requests per run() (0: until stopped)
};

// Acknowledgements counted across writer threads, so that a test acts after the Nth one rather
// than after some time.
class AckProgress {
public:
    void acknowledged(std::size_t n);
    void writer_finished();
    // Waits until `target` acknowledgements, or until `writers` writers have finished; returns
    // how many acknowledgements there were.
    std::size_t wait_for(std::size_t target, std::size_t writers);

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t acknowledged_ = 0;
    std::size_t finished_ = 0;
};

class Writer {
public:
    Writer(int thread, std::uint32_t seed, WriterOptions options = {});

    // Writes until `stop`, `max_steps` requests, or the server dies (the request in flight then
    // stays "in doubt" in the ledger).
    void run(std::uint16_t port, const std::atomic<bool>& stop, AckProgress* progress = nullptr);

    AckLedger& ledger() { return ledger_; }
    // Answers that were neither an acknowledgement nor a transport failure.
    std::vector<std::string> take_unexpected();

private:
    void step(HttpClient& client);
    std::string random_id();
    void upsert(HttpClient& client, const std::string& id);
    void remove(HttpClient& client, const std::string& id);
    void replace(HttpClient& client);
    void bulk(HttpClient& client);
    void acknowledged(const std::string& id, DocState state);

    int thread_;
    AckProgress* progress_ = nullptr;
    WriterOptions options_;
    std::mt19937 rng_;
    int version_ = 0;
    AckLedger ledger_;
    std::vector<std::string> unexpected_;
};

std::string writer_id(int thread, int n);
std::string document_path(const std::string& id);

struct Verification {
    std::vector<std::string> mismatches;
    std::size_t present = 0;
    std::size_t checked = 0;
};

// Reads every id the writers touched and compares with what they were told (an acknowledged
// write is there, an acknowledged delete stays deleted); then settles the ledgers on what the
// server holds.
Verification verify_documents(HttpClient& client, std::vector<Writer>& writers);

}  // namespace braid::durability
