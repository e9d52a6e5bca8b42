// ReplicatedCollection::bulk: each line is checked, given its vector when the collection embeds
// server-side, and published in records of up to 100 lines of one shard without waiting for the
// acknowledgements (JetStreamBatchPublisher), so the stream stores and followers apply lines
// while later ones are read; the answer
// waits for the last acknowledgement and for this node's follower, and reports every line that
// failed (refused by the schema, by the embedder, by the stream or when applied) by its number.
#include <algorithm>
#include <utility>

#include "cluster/jetstream_batch_publisher.hpp"
#include "cluster/replicated_collection.hpp"
#include "cluster/replication_record.hpp"
#include "core/error.hpp"
#include "core/json_text.hpp"
#include "engine/document_embedding.hpp"
#include "engine/ndjson_lines.hpp"
#include "engine/write_sequence.hpp"

namespace braid::cluster {
namespace {

constexpr std::size_t kEmbedLines = 1000;  // lines embedded together (in the embedder's own batches)
// Lines of one shard per record: small enough that followers start applying while later lines
// are read, large enough that the stream's per-record cost (a Raft entry at R3) stays small.
constexpr std::size_t kRecordLines = 100;
constexpr std::size_t kRecordBytes = 512u << 10;  // under nats-server's default max_payload (1 MiB)

// One published record: the body lines it carries.
struct SentRecord {
    std::uint32_t shard = 0;
    std::vector<std::size_t> lines;
    std::vector<std::string> ids;
};

}  // namespace

engine::BulkResult ReplicatedCollection::bulk(std::string_view ndjson) {
    ensure_open();
    engine::BulkResult result;
    const auto fail = [&](std::size_t line, std::optional<std::string> id, const Error& e) {
        ++result.failed;
        result.errors.push_back(engine::BulkError{line, std::move(id), e.type(), e.what(), e.path()});
    };
    JetStreamBatchPublisher publisher(*log_);
    std::vector<SentRecord> sent;
    std::vector<SentRecord> open(router_.shards());  // each shard's next record, being filled
    std::vector<std::string> bodies(router_.shards());  // their NDJSON
    const auto send = [&](std::uint32_t shard) {
        if (open[shard].lines.empty()) return;
        publisher.publish(shard, encode_record({RecordKind::bulk, {}, bodies[shard]}), next_msg_id());
        bodies[shard].clear();
        sent.push_back(std::exchange(open[shard], SentRecord{shard, {}, {}}));
    };
    const auto publish_line = [&](std::size_t line, std::string id, std::string_view text) {
        const std::uint32_t shard = router_.shard_of(id);
        if (bodies[shard].size() + text.size() + 2 > kRecordBytes) send(shard);
        bodies[shard] += text;
        bodies[shard] += '\n';
        open[shard].shard = shard;
        open[shard].lines.push_back(line);
        open[shard].ids.push_back(std::move(id));
        if (open[shard].lines.size() >= kRecordLines) send(shard);
    };
    // With an embedder every line waits here, so that lines keep their order in the stream
    // (the last line of an id wins, as on one node).
    std::vector<engine::PendingDocument> waiting;
    const auto embed_waiting = [&] {
        for (const auto& error : engine::embed_missing(*embedder_, waiting)) {
            ++result.failed;
            result.errors.push_back(error);
        }
        for (auto& pending : waiting)
            publish_line(pending.line, std::move(pending.id), pending.text ? *pending.text : braid::json_text(pending.document));
        waiting.clear();
    };
    for (const auto& line : engine::split_ndjson(ndjson)) {
        std::optional<std::string> id;
        try {
            boost::json::object document = engine::parse_document_text(line.text);
            id = parser_.id_of(document);
            if (!id)
                throw Error(ErrorKind::invalid_argument, "invalid_document",
                            "the document has no id field \"" + schema().id_field + "\"", schema().id_field);
            (void)parser_.parse(*id, document,
                                {.text = engine::DocumentParser::TextAnalysis::skip, .original = std::nullopt});
            if (!embedder_) {
                publish_line(line.number, std::move(*id), line.text);
                continue;
            }
            waiting.push_back(engine::PendingDocument{line.number, *id, std::move(document), std::string(line.text)});
            if (waiting.size() >= kEmbedLines) embed_waiting();
        } catch (const Error& e) {
            fail(line.number, id, e);
        }
    }
    if (embedder_) embed_waiting();
    for (std::uint32_t shard = 0; shard < router_.shards(); ++shard) send(shard);

    const std::vector<PublishOutcome> published = publisher.finish();
    std::uint64_t last = 0;
    std::vector<std::uint64_t> awaited;  // records of shards held here: applied before the answer
    std::vector<std::size_t> awaited_records;
    std::optional<Error> unavailable;
    std::size_t stored_lines = 0;
    for (std::size_t i = 0; i < published.size(); ++i) {
        if (published[i].error) {
            if (published[i].error->kind() == ErrorKind::unavailable && !unavailable) unavailable = published[i].error;
            for (std::size_t j = 0; j < sent[i].lines.size(); ++j) fail(sent[i].lines[j], sent[i].ids[j], *published[i].error);
            continue;
        }
        stored_lines += sent[i].lines.size();
        last = std::max(last, published[i].sequence);
        if (holds(sent[i].shard)) {
            awaited.push_back(published[i].sequence);
            awaited_records.push_back(i);
        }
    }
    // Nothing stored because the stream could not be reached: the whole body is to be retried.
    if (stored_lines == 0 && unavailable) throw *unavailable;
    if (last > 0) engine::note_write_sequence(last);
    if (!awaited.empty()) {
        wait_progressing(*std::max_element(awaited.begin(), awaited.end()));
        auto outcomes = take_outcomes(awaited);
        for (std::size_t k = 0; k < awaited.size(); ++k) {
            const auto it = outcomes.find(awaited[k]);
            if (it == outcomes.end()) continue;
            const SentRecord& record = sent[awaited_records[k]];
            const Applied& applied = it->second;
            if (!applied.ok) {
                const Error refused(ErrorKind::invalid_argument, "invalid_document", applied.error);
                for (std::size_t j = 0; j < record.lines.size(); ++j) fail(record.lines[j], record.ids[j], refused);
                stored_lines -= record.lines.size();
                continue;
            }
            for (auto error : applied.line_errors) {
                if (error.line == 0 || error.line > record.lines.size()) continue;
                error.line = record.lines[error.line - 1];
                ++result.failed;
                --stored_lines;
                result.errors.push_back(std::move(error));
            }
        }
    }
    result.indexed = stored_lines;
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const engine::BulkError& a, const engine::BulkError& b) { return a.line < b.line; });
    return result;
}

}  // namespace braid::cluster
