#include "app/search_backend.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/server_url.hpp"
#include "core/error.hpp"
#include "http/client.hpp"
#include "http/search_response_json.hpp"

namespace braid::app {
namespace {

class LocalBackend final : public SearchBackend {
public:
    LocalBackend(std::shared_ptr<engine::Collection> collection, http::SearchLimits limits)
        : collection_(std::move(collection)), limits_(limits) {}

    boost::json::value search(const boost::json::object& body) override {
        return http::to_json(collection_->search(http::parse_search_request(body, limits_)));
    }

private:
    std::shared_ptr<engine::Collection> collection_;
    http::SearchLimits limits_;
};

class HttpBackend final : public SearchBackend {
public:
    HttpBackend(std::string host, std::uint16_t port, std::string collection,
                std::optional<std::string> api_key)
        : client_(std::move(host), port),
          target_("/collections/" + collection + "/search"),
          api_key_(std::move(api_key)) {}

    boost::json::value search(const boost::json::object& body) override {
        std::vector<std::pair<std::string, std::string>> headers;
        if (api_key_) headers.emplace_back("Authorization", "Bearer " + *api_key_);
        const auto response =
            client_.request("POST", target_, boost::json::serialize(body), "application/json", headers);
        if (response.status != 200) {
            throw Error(ErrorKind::io, "request_failed",
                        "POST " + target_ + " answered " + std::to_string(response.status) + ": " +
                            response.body.substr(0, 300));
        }
        return boost::json::parse(response.body);
    }

private:
    http::Client client_;
    std::string target_;
    std::optional<std::string> api_key_;
};

}  // namespace

std::unique_ptr<SearchBackend> local_backend(std::shared_ptr<engine::Collection> collection,
                                             http::SearchLimits limits) {
    return std::make_unique<LocalBackend>(std::move(collection), limits);
}

std::unique_ptr<SearchBackend> http_backend(const std::string& url, const std::string& collection,
                                            std::optional<std::string> api_key) {
    const ServerAddress address = parse_server_url(url);
    return std::make_unique<HttpBackend>(address.host, address.port, collection, std::move(api_key));
}

}  // namespace braid::app
