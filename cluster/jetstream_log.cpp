#include "cluster/jetstream_log.hpp"

#include <nats/nats.h>

#include <algorithm>
#include <vector>

#include "cluster/jetstream_cursor.hpp"
#include "cluster/nats_error.hpp"
#include "cluster/subjects.hpp"
#include "core/error.hpp"

namespace braid::cluster {
namespace {

// JetStream's "stream name already in use with a different configuration".
constexpr int kStreamNameExists = 10058;

class ShardLog final : public ReplicatedLog {
public:
    ShardLog(JetStreamLog& log, std::uint32_t shard) : log_(log), shard_(shard) {}
    AppendResult append(std::string_view record, std::string_view msg_id) override { return log_.append(shard_, record, msg_id); }
    std::unique_ptr<LogCursor> follow(std::uint64_t from_sequence) override { return log_.follow(from_sequence, shard_); }
    void trim_through(std::uint64_t sequence) override { log_.trim_through(sequence, shard_); }

private:
    JetStreamLog& log_;
    std::uint32_t shard_;
};

}  // namespace

JetStreamLog::JetStreamLog(NatsConnection& connection, StreamSpec spec)
    : connection_(connection), spec_(std::move(spec)), stream_(stream_name(spec_.collection)) {
    if (spec_.replicas < 1 || spec_.replicas > 5)
        throw Error(ErrorKind::invalid_argument, "invalid_replicas", "replicas: between 1 and 5 (JetStream's limit)", "replicas");
    ensure_stream();
}

void JetStreamLog::ensure_stream() {
    const std::string records = collection_subjects(spec_.collection);
    const std::string trims = trim_subjects(spec_.collection);
    const char* subject_list[] = {records.c_str(), trims.c_str()};
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = stream_.c_str();
    config.Subjects = subject_list;
    config.SubjectsLen = 2;
    config.Storage = js_FileStorage;
    config.Retention = js_LimitsPolicy;
    config.Replicas = spec_.replicas;
    config.Duplicates = std::chrono::duration_cast<std::chrono::nanoseconds>(spec_.duplicate_window).count();
    jsStreamInfo* info = nullptr;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    natsStatus status = js_AddStream(&info, connection_.jetstream(), &config, nullptr, &js_error);
    if (status != NATS_OK && static_cast<int>(js_error) == kStreamNameExists) {
        js_error = static_cast<jsErrCode>(0);
        status = js_UpdateStream(&info, connection_.jetstream(), &config, nullptr, &js_error);
    }
    jsStreamInfo_Destroy(info);
    check_nats("creating stream " + stream_ + " (replicas " + std::to_string(spec_.replicas) + ")", status, js_error);
}

AppendResult JetStreamLog::append(std::uint32_t shard, std::string_view payload, std::string_view msg_id) {
    const std::string subject = shard_subject(spec_.collection, shard);
    const std::string id(msg_id);
    jsPubOptions options;
    jsPubOptions_Init(&options);
    options.MsgId = id.empty() ? nullptr : id.c_str();
    options.ExpectStream = stream_.c_str();  // a publish no stream (or another one) takes is an error
    options.MaxWait = connection_.options().request_timeout.count();
    jsPubAck* ack = nullptr;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    const natsStatus status = js_Publish(&ack, connection_.jetstream(), subject.c_str(), payload.data(),
                                         static_cast<int>(payload.size()), &options, &js_error);
    if (status != NATS_OK) {
        jsPubAck_Destroy(ack);
        throw_nats_error("appending to " + subject, status, js_error);
    }
    const AppendResult result{ack->Sequence, ack->Duplicate};
    jsPubAck_Destroy(ack);
    return result;
}

std::unique_ptr<LogCursor> JetStreamLog::follow(std::uint64_t from_sequence, std::optional<std::uint32_t> shard) {
    check_not_trimmed(std::max<std::uint64_t>(from_sequence, 1), shard);
    const std::string subject = shard ? shard_subject(spec_.collection, *shard) : collection_subjects(spec_.collection);
    return std::make_unique<JetStreamCursor>(connection_, stream_, subject, from_sequence);
}

std::optional<std::uint64_t> JetStreamLog::trimmed_through(const std::string& trim_subject) const {
    natsMsg* message = nullptr;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    const natsStatus status = js_GetLastMsg(&message, connection_.jetstream(), stream_.c_str(), trim_subject.c_str(), nullptr, &js_error);
    if (status == NATS_NOT_FOUND) return std::nullopt;
    check_nats("reading " + trim_subject, status, js_error);
    const std::string text(natsMsg_GetData(message), static_cast<std::size_t>(natsMsg_GetDataLength(message)));
    natsMsg_Destroy(message);
    return std::stoull(text);
}

void JetStreamLog::check_not_trimmed(std::uint64_t from_sequence, std::optional<std::uint32_t> shard) const {
    // Trims of the shards followed, and of the whole stream, through a sequence >= from_sequence
    // may have removed records the follower needs.
    std::vector<std::string> trims = {trim_subject(spec_.collection, std::nullopt)};
    if (shard) {
        trims.push_back(trim_subject(spec_.collection, shard));
    } else {
        for (const auto& subject : subjects_matching(trim_subjects(spec_.collection))) trims.push_back(subject);
    }
    for (const auto& subject : trims) {
        const auto through = trimmed_through(subject);
        if (through && *through >= from_sequence)
            throw Error(ErrorKind::not_found, "log_trimmed",
                        "stream " + stream_ + ": records through sequence " + std::to_string(*through) + " were trimmed (" + subject +
                            "), following from " + std::to_string(from_sequence) + " needs them: start from a snapshot");
    }
}

std::vector<std::string> JetStreamLog::subjects_matching(const std::string& filter) const {
    jsOptions options;
    jsOptions_Init(&options);
    options.Stream.Info.SubjectsFilter = filter.c_str();
    jsStreamInfo* info = nullptr;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    check_nats("listing the subjects of stream " + stream_,
               js_GetStreamInfo(&info, connection_.jetstream(), stream_.c_str(), &options, &js_error), js_error);
    std::vector<std::string> subjects;
    if (info->State.Subjects != nullptr)
        for (int i = 0; i < info->State.Subjects->Count; ++i) subjects.emplace_back(info->State.Subjects->List[i].Subject);
    jsStreamInfo_Destroy(info);
    return subjects;
}

void JetStreamLog::trim_through(std::uint64_t sequence, std::optional<std::uint32_t> shard) {
    const std::string what = "trimming stream " + stream_ + " through " + std::to_string(sequence);
    // The trim is recorded first, so that a follower asking for what is about to go is told
    // (check_not_trimmed) and never starts silently after a gap. The record's own sequence is
    // past `sequence`: the purge below keeps it.
    const std::string marker = trim_subject(spec_.collection, shard);
    const std::string through = std::to_string(sequence);
    jsPubAck* ack = nullptr;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    const natsStatus published = js_Publish(&ack, connection_.jetstream(), marker.c_str(), through.data(),
                                            static_cast<int>(through.size()), nullptr, &js_error);
    jsPubAck_Destroy(ack);
    check_nats(what + ": recording it", published, js_error);

    const std::string subject = shard ? shard_subject(spec_.collection, *shard) : std::string();
    jsOptions options;
    jsOptions_Init(&options);
    options.Stream.Purge.Sequence = sequence + 1;  // JetStream purges up to but not including it
    if (shard) options.Stream.Purge.Subject = subject.c_str();
    js_error = static_cast<jsErrCode>(0);
    check_nats(what, js_PurgeStream(connection_.jetstream(), stream_.c_str(), &options, &js_error), js_error);

    // Older records of the same trim subject say less than the new one.
    jsOptions keep_last;
    jsOptions_Init(&keep_last);
    keep_last.Stream.Purge.Subject = marker.c_str();
    keep_last.Stream.Purge.Keep = 1;
    js_error = static_cast<jsErrCode>(0);
    check_nats(what + ": dropping older trim records",
               js_PurgeStream(connection_.jetstream(), stream_.c_str(), &keep_last, &js_error), js_error);
}

StreamState JetStreamLog::state() const {
    jsStreamInfo* info = nullptr;
    jsErrCode js_error = static_cast<jsErrCode>(0);
    check_nats("reading the state of stream " + stream_,
               js_GetStreamInfo(&info, connection_.jetstream(), stream_.c_str(), nullptr, &js_error), js_error);
    StreamState state{info->State.FirstSeq, info->State.LastSeq, info->State.Msgs, {}};
    if (info->Cluster != nullptr && info->Cluster->Leader != nullptr) state.leader = info->Cluster->Leader;
    jsStreamInfo_Destroy(info);
    return state;
}

void JetStreamLog::delete_stream() {
    jsErrCode js_error = static_cast<jsErrCode>(0);
    const natsStatus status = js_DeleteStream(connection_.jetstream(), stream_.c_str(), nullptr, &js_error);
    if (status == NATS_NOT_FOUND) return;
    check_nats("deleting stream " + stream_, status, js_error);
}

std::unique_ptr<ReplicatedLog> JetStreamLog::shard_log(std::uint32_t shard) { return std::make_unique<ShardLog>(*this, shard); }

}  // namespace braid::cluster
