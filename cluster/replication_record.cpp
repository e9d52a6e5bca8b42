#include "cluster/replication_record.hpp"

#include <charconv>

#include "core/error.hpp"

namespace braid::cluster {
namespace {

[[noreturn]] void corrupt(const std::string& why) {
    throw Error(ErrorKind::internal, "corrupt_record", "a replicated record braid cannot read: " + why);
}

}  // namespace

std::string encode_record(const ReplicationRecord& record) {
    if (record.kind == RecordKind::bulk) return "B" + record.body;
    std::string out(1, record.kind == RecordKind::upsert ? 'U' : 'D');
    out += std::to_string(record.id.size());
    out += ':';
    out += record.id;
    if (record.kind == RecordKind::upsert) out += record.body;
    return out;
}

ReplicationRecord decode_record(std::string_view bytes) {
    if (bytes.empty()) corrupt("empty");
    ReplicationRecord record;
    const char kind = bytes.front();
    bytes.remove_prefix(1);
    if (kind == 'B') {
        record.kind = RecordKind::bulk;
        record.body = std::string(bytes);
        return record;
    }
    if (kind != 'U' && kind != 'D') corrupt("unknown kind");
    record.kind = kind == 'U' ? RecordKind::upsert : RecordKind::remove;
    std::size_t length = 0;
    const auto [end, ec] = std::from_chars(bytes.data(), bytes.data() + bytes.size(), length);
    const std::size_t digits = static_cast<std::size_t>(end - bytes.data());
    if (ec != std::errc{} || digits == 0 || digits >= bytes.size() || bytes[digits] != ':' ||
        bytes.size() - digits - 1 < length)
        corrupt("bad id length");
    bytes.remove_prefix(digits + 1);
    record.id = std::string(bytes.substr(0, length));
    bytes.remove_prefix(length);
    if (record.kind == RecordKind::upsert) record.body = std::string(bytes);
    else if (!bytes.empty()) corrupt("trailing bytes after a delete");
    return record;
}

}  // namespace braid::cluster
