#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/caller.hpp"
#include "http/message.hpp"

namespace braid::http {

// What a route expects in its body; the media type is checked before the handler runs.
enum class BodyKind { none, json, ndjson };

// Path parameters in the order of the pattern's {placeholders}, percent-decoded.
using PathParams = std::vector<std::string>;
using Handler = std::function<Response(const Request&, const PathParams&, const Caller&)>;

struct Route {
    std::string method;
    std::string pattern;  // "/collections/{name}/documents/{id}"
    BodyKind body = BodyKind::none;
    Handler handler;
    Action action = Action::admin;  // what a key needs to call it
};

// Splits "/a/b%2Fc?x=1" into {"a", "b/c"}: the query string is dropped, each segment
// percent-decoded. Throws braid::Error(invalid_argument) on a malformed escape.
std::vector<std::string> split_path(std::string_view target);
std::string percent_decode(std::string_view text);

// The one route table of the server.
class Router {
public:
    void add(Route route);

    struct Match {
        const Route* route = nullptr;       // null: no route for this method
        PathParams params;
        std::vector<std::string> allowed;   // methods the path supports (for 405's Allow)
    };
    // Literal segments win over placeholders ("documents/_bulk" before "documents/{id}"), for every
    // method: a path a more literal pattern fits is never matched by a less literal one.
    Match match(std::string_view method, const std::vector<std::string>& segments) const;

private:
    struct Compiled {
        Route route;
        std::vector<std::string> segments;  // "{...}" marks a placeholder
        std::size_t literals = 0;
    };
    std::vector<Compiled> routes_;
};

}  // namespace braid::http
