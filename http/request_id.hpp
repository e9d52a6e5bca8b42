#pragma once
#include <string>
#include <string_view>

namespace braid::http {

// The id a request is logged and answered with: the client's X-Request-Id when it is 1 to 128
// characters of [A-Za-z0-9._:-] (so it cannot forge log lines), else 16 fresh hex digits.
std::string request_id_for(std::string_view header);

}  // namespace braid::http
