#include "cluster/nats_connection.hpp"

#include <nats/nats.h>

#include <memory>

#include "cluster/nats_error.hpp"
#include "core/error.hpp"

namespace braid::cluster {
namespace {

struct OptionsDeleter {
    void operator()(natsOptions* options) const { natsOptions_Destroy(options); }
};

}  // namespace

NatsConnection::NatsConnection(const NatsOptions& options) : options_(options) {
    if (options_.urls.empty())
        throw Error(ErrorKind::invalid_argument, "nats_invalid_argument", "cluster.nats: at least one NATS server URL is needed");
    natsOptions* raw = nullptr;
    check_nats("creating NATS options", natsOptions_Create(&raw));
    const std::unique_ptr<natsOptions, OptionsDeleter> nats_options(raw);
    std::vector<const char*> urls;
    for (const auto& url : options_.urls) urls.push_back(url.c_str());
    check_nats("cluster.nats: server URLs", natsOptions_SetServers(raw, urls.data(), static_cast<int>(urls.size())));
    // Keep the given order: the first URL is usually the local server.
    check_nats("NATS options", natsOptions_SetNoRandomize(raw, true));
    check_nats("NATS options", natsOptions_SetName(raw, options_.name.c_str()));
    check_nats("NATS options", natsOptions_SetTimeout(raw, options_.connect_timeout.count()));
    check_nats("NATS options", natsOptions_SetAllowReconnect(raw, true));
    check_nats("NATS options", natsOptions_SetMaxReconnect(raw, options_.max_reconnect));
    check_nats("NATS options", natsOptions_SetReconnectWait(raw, options_.reconnect_wait.count()));

    std::string servers;
    for (const auto& url : options_.urls) servers += (servers.empty() ? "" : ", ") + url;
    check_nats("connecting to NATS at " + servers, natsConnection_Connect(&connection_, raw));
    jsOptions js_options;
    jsOptions_Init(&js_options);
    js_options.Wait = options_.request_timeout.count();
    const natsStatus status = natsConnection_JetStream(&jetstream_, connection_, &js_options);
    if (status != NATS_OK) {
        natsConnection_Destroy(connection_);
        throw_nats_error("opening the JetStream context", status);
    }
}

NatsConnection::~NatsConnection() {
    jsCtx_Destroy(jetstream_);
    natsConnection_Close(connection_);
    natsConnection_Destroy(connection_);
}

bool NatsConnection::connected() const { return natsConnection_Status(connection_) == NATS_CONN_STATUS_CONNECTED; }

std::string NatsConnection::connected_url() const {
    char buffer[512] = {};
    if (natsConnection_GetConnectedUrl(connection_, buffer, sizeof buffer) != NATS_OK) return {};
    return buffer;
}

}  // namespace braid::cluster
