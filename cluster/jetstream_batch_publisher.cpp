#include "cluster/jetstream_batch_publisher.hpp"

#include <nats/nats.h>

#include "cluster/nats_error.hpp"
#include "cluster/subjects.hpp"

namespace braid::cluster {
namespace {

// Publishes in flight at once; a publish beyond it waits (up to the request timeout) for acks.
constexpr int kMaxInFlight = 4096;
constexpr int kAttempts = 3;  // as ReplicatedCollection::publish

Error nats_error_of(std::string_view what, natsStatus status, jsErrCode js_error) {
    try {
        throw_nats_error(what, status, js_error);
    } catch (const Error& e) {
        return e;
    }
}

}  // namespace

JetStreamBatchPublisher::JetStreamBatchPublisher(JetStreamLog& log) : log_(log) {
    jsOptions options;
    jsOptions_Init(&options);
    options.Wait = log_.connection().options().request_timeout.count();
    options.PublishAsync.MaxPending = kMaxInFlight;
    options.PublishAsync.StallWait = log_.connection().options().request_timeout.count();
    options.PublishAsync.AckHandler = &JetStreamBatchPublisher::on_ack;
    options.PublishAsync.AckHandlerClosure = this;
    check_nats("opening a JetStream context to publish to " + log_.stream(),
               natsConnection_JetStream(&context_, log_.connection().native(), &options));
}

namespace {

// Drops the acknowledgements still due (nothing calls on_ack for them after this), then waits for
// an on_ack already running: libnats counts a message as pending until its handler returned.
void forget_pending(jsCtx* context) {
    natsMsgList pending{};
    if (js_PublishAsyncGetPendingList(&pending, context) == NATS_OK) natsMsgList_Destroy(&pending);
    jsPubOptions wait;
    jsPubOptions_Init(&wait);
    wait.MaxWait = 1000;
    (void)js_PublishAsyncComplete(context, &wait);
}

}  // namespace

JetStreamBatchPublisher::~JetStreamBatchPublisher() {
    forget_pending(context_);
    jsCtx_Destroy(context_);
}

void JetStreamBatchPublisher::on_ack(jsCtx*, natsMsg* message, jsPubAck* ack, jsPubAckErr* error, void* closure) {
    auto& self = *static_cast<JetStreamBatchPublisher*>(closure);
    const char* msg_id = nullptr;
    if (natsMsgHeader_Get(message, "Nats-Msg-Id", &msg_id) == NATS_OK && msg_id != nullptr) {
        PublishOutcome outcome;
        if (ack != nullptr) outcome.sequence = ack->Sequence;
        else if (error != nullptr)
            outcome.error = nats_error_of("appending to " + self.log_.stream() + (error->ErrText ? std::string(" (") + error->ErrText + ")" : ""),
                                          error->Err, error->ErrCode);
        else outcome.error = Error(ErrorKind::unavailable, "nats_unavailable", "appending to " + self.log_.stream() + ": no acknowledgement");
        std::lock_guard lock(self.mutex_);
        if (const auto it = self.by_msg_id_.find(std::string_view(msg_id)); it != self.by_msg_id_.end())
            self.outcomes_[it->second] = std::move(outcome);
    }
    natsMsg_Destroy(message);
}

void JetStreamBatchPublisher::settle(std::size_t index, PublishOutcome outcome) {
    std::lock_guard lock(mutex_);
    outcomes_[index] = std::move(outcome);
}

void JetStreamBatchPublisher::publish(std::uint32_t shard, std::string payload, std::string msg_id) {
    const std::size_t index = records_.size();
    {
        std::lock_guard lock(mutex_);
        by_msg_id_.emplace(msg_id, index);
        outcomes_.emplace_back();
    }
    records_.push_back(Pending{shard, std::move(payload), std::move(msg_id)});
    const Pending& record = records_.back();
    const std::string subject = shard_subject(log_.spec().collection, shard);
    jsPubOptions options;
    jsPubOptions_Init(&options);
    options.MsgId = record.msg_id.c_str();
    options.ExpectStream = log_.stream().c_str();
    options.MaxWait = log_.connection().options().request_timeout.count();
    const natsStatus status = js_PublishAsync(context_, subject.c_str(), record.payload.data(),
                                              static_cast<int>(record.payload.size()), &options);
    if (status != NATS_OK) settle(index, PublishOutcome{0, nats_error_of("appending to " + subject, status, static_cast<jsErrCode>(0))});
}

std::vector<PublishOutcome> JetStreamBatchPublisher::finish() {
    jsPubOptions wait;
    jsPubOptions_Init(&wait);
    wait.MaxWait = log_.connection().options().request_timeout.count();
    // What is still unacknowledged then is retried below; its late acks are not wanted.
    if (js_PublishAsyncComplete(context_, &wait) != NATS_OK) forget_pending(context_);
    std::vector<PublishOutcome> result;
    {
        std::lock_guard lock(mutex_);
        result.reserve(outcomes_.size());
        for (auto& outcome : outcomes_)
            result.push_back(outcome ? std::move(*outcome)
                                     : PublishOutcome{0, Error(ErrorKind::unavailable, "nats_timeout",
                                                               "appending to " + log_.stream() + ": no acknowledgement in time")});
    }
    // In publish order, with the same message id: a copy the stream did store is not stored twice.
    for (std::size_t i = 0; i < result.size(); ++i) {
        for (int attempt = 1; result[i].error && result[i].error->kind() == ErrorKind::unavailable && attempt < kAttempts;
             ++attempt) {
            try {
                result[i] = PublishOutcome{log_.append(records_[i].shard, records_[i].payload, records_[i].msg_id).sequence, std::nullopt};
            } catch (const Error& e) {
                result[i].error = e;
            }
        }
    }
    return result;
}

}  // namespace braid::cluster
