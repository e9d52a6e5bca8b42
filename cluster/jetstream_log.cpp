#include "cluster/jetstream_log.hpp"

#include <nats/nats.h>

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
    const std::string subjects = collection_subjects(spec_.collection);
    const char* subject_list[] = {subjects.c_str()};
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = stream_.c_str();
    config.Subjects = subject_list;
    config.SubjectsLen = 1;
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
    check_not_trimmed(from_sequence);
    const std::string subject = shard ? shard_subject(spec_.collection, *shard) : collection_subjects(spec_.collection);
    return std::make_unique<JetStreamCursor>(connection_, stream_, subject, from_sequence);
}

void JetStreamLog::check_not_trimmed(std::uint64_t from_sequence) const {
    const StreamState now = state();
    if (std::max<std::uint64_t>(from_sequence, 1) < now.first_sequence && now.first_sequence > 1)
        throw Error(ErrorKind::not_found, "log_trimmed",
                    "stream " + stream_ + " keeps records from sequence " + std::to_string(now.first_sequence) +
                        " on; records from " + std::to_string(from_sequence) + " were trimmed (start from a snapshot)");
}

void JetStreamLog::trim_through(std::uint64_t sequence, std::optional<std::uint32_t> shard) {
    const std::string subject = shard ? shard_subject(spec_.collection, *shard) : std::string();
    jsOptions options;
    jsOptions_Init(&options);
    options.Stream.Purge.Sequence = sequence + 1;  // JetStream purges up to but not including it
    if (shard) options.Stream.Purge.Subject = subject.c_str();
    jsErrCode js_error = static_cast<jsErrCode>(0);
    check_nats("trimming stream " + stream_ + " through " + std::to_string(sequence),
               js_PurgeStream(connection_.jetstream(), stream_.c_str(), &options, &js_error), js_error);
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

std::unique_ptr<ReplicatedLog> JetStreamLog::shard_log(std::uint32_t shard) { return std::make_unique<ShardLog>(*this, shard); }

}  // namespace braid::cluster
