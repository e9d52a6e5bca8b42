#include "http/traffic_recorder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace braid::http {
namespace {

void append_bytes(std::string& out, std::string_view key, std::string_view bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    out.append("\"").append(key).append("\":\"");
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == '"' || byte == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (byte < 0x20 || byte > 0x7e) {
            out.append("\\u00").push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 15]);
        } else {
            out.push_back(c);
        }
    }
    out.append("\",");
}

}  // namespace

TrafficRecorder::TrafficRecorder(const std::filesystem::path& folder) {
    std::filesystem::create_directories(folder);
    const auto file = folder / ("traffic-" + std::to_string(::getpid()) + ".ndjson");
    fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        throw Error(ErrorKind::io, "io_error", "cannot open " + file.string() + ": " + std::strerror(errno));
    }
}

TrafficRecorder::~TrafficRecorder() {
    if (fd_ >= 0) ::close(fd_);
}

void TrafficRecorder::record(const Request& request, const Response& response) {
    std::string line = "{";
    append_bytes(line, "method", request.method);
    append_bytes(line, "target", request.target);
    append_bytes(line, "request_content_type", request.content_type);
    append_bytes(line, "request_body", request.body);
    append_bytes(line, "route", response.route);
    append_bytes(line, "content_type", response.content_type);
    append_bytes(line, "body", response.body);
    line.append("\"status\":").append(std::to_string(response.status)).append("}\n");
    const std::lock_guard lock(mutex_);
    std::string_view rest = line;
    while (!rest.empty()) {
        const ssize_t written = ::write(fd_, rest.data(), rest.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;  // a test aid: a full disk must not fail the request
        rest.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace braid::http
