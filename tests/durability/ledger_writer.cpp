#include "tests/durability/ledger_writer.hpp"

#include <set>
#include <utility>

#include <boost/json/value.hpp>

namespace braid::durability {

std::string writer_id(int thread, int n) {
    return std::string("t").append(std::to_string(thread)).append("-").append(std::to_string(n));
}

std::string document_path(const std::string& id) {
    return std::string("/collections/") + kCollection + "/documents/" + id;
}

void AckProgress::acknowledged(std::size_t n) {
    {
        std::lock_guard lock(mutex_);
        acknowledged_ += n;
    }
    changed_.notify_all();
}

void AckProgress::writer_finished() {
    {
        std::lock_guard lock(mutex_);
        ++finished_;
    }
    changed_.notify_all();
}

std::size_t AckProgress::wait_for(std::size_t target, std::size_t writers) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return acknowledged_ >= target || finished_ >= writers; });
    return acknowledged_;
}

Writer::Writer(int thread, std::uint32_t seed, WriterOptions options)
    : thread_(thread), options_(options), rng_(seed) {}

void Writer::run(std::uint16_t port, const std::atomic<bool>& stop, AckProgress* progress) {
    progress_ = progress;
    try {
        HttpClient client(port);
        for (std::size_t steps = 0; !stop.load() && (options_.max_steps == 0 || steps < options_.max_steps); ++steps) {
            step(client);
        }
    } catch (const TransportError&) {
        // The server was killed: the request in flight stays "in doubt" in the ledger.
    }
    if (progress_ != nullptr) progress_->writer_finished();
    progress_ = nullptr;
}

void Writer::acknowledged(const std::string& id, DocState state) {
    ledger_.acknowledged(id, state);
    if (progress_ != nullptr) progress_->acknowledged(1);
}

std::vector<std::string> Writer::take_unexpected() { return std::exchange(unexpected_, {}); }

void Writer::step(HttpClient& client) {
    const unsigned dice = rng_() % 100;
    if (dice < 20) bulk(client);
    else if (dice < 55) upsert(client, random_id());
    else if (dice < 75) remove(client, random_id());
    else replace(client);
}

std::string Writer::random_id() { return writer_id(thread_, static_cast<int>(rng_() % options_.ids)); }

void Writer::upsert(HttpClient& client, const std::string& id) {
    const int version = ++version_;
    ledger_.sent(id, version);
    const HttpResponse r = client.put(document_path(id), document_json(id, version));
    if (r.status == 200 || r.status == 201) {
        const bool was_present = ledger_.acknowledged_state(id).has_value();
        acknowledged(id, version);
        if ((r.status == 200) != was_present) {
            unexpected_.push_back("PUT " + id + " answered " + std::to_string(r.status) + " but it was " +
                                  (was_present ? "present" : "absent"));
        }
    } else {
        unexpected_.push_back("PUT " + id + ": " + std::to_string(r.status) + " " + r.body);
    }
}

void Writer::remove(HttpClient& client, const std::string& id) {
    ledger_.sent(id, std::nullopt);
    const HttpResponse r = client.del(document_path(id));
    if (r.status == 200 || r.status == 404) {
        const bool was_present = ledger_.acknowledged_state(id).has_value();
        if ((r.status == 200) != was_present) {
            unexpected_.push_back("DELETE " + id + " answered " + std::to_string(r.status) + " but it was " +
                                  (was_present ? "present" : "absent"));
        }
        acknowledged(id, std::nullopt);
    } else {
        unexpected_.push_back("DELETE " + id + ": " + std::to_string(r.status) + " " + r.body);
    }
}

void Writer::replace(HttpClient& client) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        const std::string id = random_id();
        if (ledger_.acknowledged_state(id)) return upsert(client, id);
    }
    upsert(client, random_id());
}

void Writer::bulk(HttpClient& client) {
    std::set<int> picked;
    const std::size_t size = std::min<std::size_t>(options_.bulk, static_cast<std::size_t>(options_.ids));
    while (picked.size() < size) picked.insert(static_cast<int>(rng_() % options_.ids));
    std::string body;
    std::vector<std::pair<std::string, int>> lines;
    for (const int n : picked) {
        const std::string id = writer_id(thread_, n);
        const int version = ++version_;
        ledger_.sent(id, version);
        lines.emplace_back(id, version);
        body += document_json(id, version) + "\n";
    }
    const HttpResponse r =
        client.post(std::string("/collections/") + kCollection + "/documents/_bulk", body, "application/x-ndjson");
    if (!r.ok()) {
        unexpected_.push_back("bulk: " + std::to_string(r.status) + " " + r.body.substr(0, 300));
        return;
    }
    const boost::json::value answer = parse_json(r.body);
    if (answer.at("indexed").to_number<std::size_t>() != lines.size() ||
        answer.at("failed").to_number<std::size_t>() != 0) {
        unexpected_.push_back("bulk answered " + r.body.substr(0, 300));
        return;
    }
    for (const auto& [id, version] : lines) acknowledged(id, version);
}

Verification verify_documents(HttpClient& client, std::vector<Writer>& writers) {
    Verification v;
    for (auto& writer : writers) {
        std::vector<std::pair<std::string, DocState>> stored_states;
        for (const auto& [id, history] : writer.ledger().ids()) {
            const DocState stored = stored_version(client, kCollection, id);
            stored_states.emplace_back(id, stored);
            ++v.checked;
            if (stored) ++v.present;
            if (!history.allows(stored) && v.mismatches.size() < 20) {
                std::string allowed = describe(history.acknowledged);
                for (const auto& s : history.in_doubt) allowed += " or (unacknowledged) " + describe(s);
                v.mismatches.push_back(id + ": server has " + describe(stored) + ", expected " + allowed);
            }
        }
        for (const auto& [id, state] : stored_states) writer.ledger().settle(id, state);
    }
    return v;
}

}  // namespace braid::durability
