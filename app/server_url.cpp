#include "app/server_url.hpp"

#include <string_view>

#include "core/error.hpp"

namespace braid::app {

ServerAddress parse_server_url(const std::string& url) {
    constexpr std::string_view scheme = "http://";
    std::string rest = url.rfind(scheme, 0) == 0 ? url.substr(scheme.size()) : "";
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    const auto colon = rest.rfind(':');
    unsigned long port = 0;
    try {
        if (colon != std::string::npos) port = std::stoul(rest.substr(colon + 1));
    } catch (const std::exception&) {
        port = 0;
    }
    if (colon == std::string::npos || colon == 0 || port == 0 || port > 65535) {
        throw Error(ErrorKind::invalid_argument, "usage", "--url expects http://HOST:PORT, got \"" + url + "\"");
    }
    return {rest.substr(0, colon), static_cast<std::uint16_t>(port)};
}

}  // namespace braid::app
