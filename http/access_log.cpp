#include "http/access_log.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>

#include <boost/json/object.hpp>
#include "core/json_text.hpp"

#include "core/error.hpp"
#include "http/utf8.hpp"

namespace braid::http {

namespace {

// 2026-11-26T14:03:07.123Z
std::string utc_iso8601(std::chrono::system_clock::time_point time) {
    const auto since_epoch = time.time_since_epoch();
    const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char buffer[40];
    const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
    return buffer;
}

}  // namespace

AccessLog::AccessLog(const std::string& destination) : file_(nullptr), owned_(destination != "stderr") {
    if (!owned_) {
        file_ = stderr;
        return;
    }
    file_ = std::fopen(destination.c_str(), "ae");
    if (file_ == nullptr) {
        throw Error(ErrorKind::io, "io_error", "cannot open the access log " + destination + ": " + std::strerror(errno));
    }
}

AccessLog::~AccessLog() {
    if (owned_ && file_ != nullptr) std::fclose(file_);
}

void AccessLog::write(const AccessRecord& record) const {
    boost::json::object line;
    line["time"] = utc_iso8601(record.time);
    line["method"] = sanitize_utf8(record.method);
    line["path"] = sanitize_utf8(record.target.substr(0, record.target.find('?')));
    line["route"] = record.route;
    if (!record.collection.empty()) line["collection"] = sanitize_utf8(record.collection);
    line["status"] = record.status;
    line["bytes"] = record.bytes;
    line["duration_ms"] = static_cast<double>(static_cast<std::int64_t>(record.duration_seconds * 1e6)) / 1e3;
    line["request_id"] = record.request_id;
    std::string text = json_text(line);  // duration_ms 0.95, not 9.5E-1
    text += '\n';
    std::lock_guard lock(mutex_);
    std::fwrite(text.data(), 1, text.size(), file_);
    std::fflush(file_);
}

}  // namespace braid::http
