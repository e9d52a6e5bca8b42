#pragma once
#include <cstdint>
#include <string>

namespace braid::app {

struct ServerAddress {
    std::string host;
    std::uint16_t port = 0;
};

// `http://HOST:PORT` (a trailing slash allowed) as given to --url; another shape is
// braid::Error(invalid_argument, "usage").
ServerAddress parse_server_url(const std::string& url);

}  // namespace braid::app
