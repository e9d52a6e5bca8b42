#include "cluster/jetstream_cursor.hpp"

#include <nats/nats.h>

#include "cluster/nats_error.hpp"
#include "cluster/subjects.hpp"
#include "core/error.hpp"

namespace braid::cluster {

JetStreamCursor::JetStreamCursor(NatsConnection& connection, const std::string& stream, const std::string& subject,
                                 std::uint64_t from_sequence) {
    jsSubOptions options;
    jsSubOptions_Init(&options);
    options.Stream = stream.c_str();
    options.Ordered = true;
    if (from_sequence > 1) {
        options.Config.DeliverPolicy = js_DeliverByStartSequence;
        options.Config.OptStartSeq = from_sequence;
    } else {
        options.Config.DeliverPolicy = js_DeliverAll;
    }
    jsErrCode js_error = static_cast<jsErrCode>(0);
    check_nats("following stream " + stream + " (" + subject + ")",
               js_SubscribeSync(&subscription_, connection.jetstream(), subject.c_str(), nullptr, &options, &js_error), js_error);
}

JetStreamCursor::~JetStreamCursor() {
    // Unsubscribe deletes the ephemeral consumer now instead of when the server notices.
    natsSubscription_Unsubscribe(subscription_);
    natsSubscription_Destroy(subscription_);
}

std::optional<LogRecord> JetStreamCursor::next(std::chrono::milliseconds wait) {
    if (wait.count() <= 0) {
        // Only what the client already received (the follower gathers a run of records to apply together).
        int messages = 0, bytes = 0;
        if (natsSubscription_GetPending(subscription_, &messages, &bytes) != NATS_OK || messages <= 0) return std::nullopt;
    }
    natsMsg* message = nullptr;
    const natsStatus status = natsSubscription_NextMsg(&message, subscription_, wait.count() > 0 ? wait.count() : 1);
    if (status == NATS_TIMEOUT) return std::nullopt;
    check_nats("reading the stream", status);
    LogRecord record;
    jsMsgMetaData* meta = nullptr;
    const natsStatus meta_status = natsMsg_GetMetaData(&meta, message);
    if (meta_status != NATS_OK) {
        natsMsg_Destroy(message);
        throw_nats_error("reading a stream record's metadata", meta_status);
    }
    record.sequence = meta->Sequence.Stream;
    jsMsgMetaData_Destroy(meta);
    record.shard = shard_of_subject(natsMsg_GetSubject(message)).value_or(0);
    const char* msg_id = nullptr;
    if (natsMsgHeader_Get(message, "Nats-Msg-Id", &msg_id) == NATS_OK && msg_id != nullptr) record.msg_id = msg_id;
    record.payload.assign(natsMsg_GetData(message), static_cast<std::size_t>(natsMsg_GetDataLength(message)));
    natsMsg_Destroy(message);
    return record;
}

}  // namespace braid::cluster
