#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace braid::http {

// What a route asks of the key that calls it. A created key holds a list of actions; the admin
// key (server.api_key) may do everything, and only it may manage keys.
enum class Action {
    open,               // no key at all (/health, the console page)
    search,             // search and analyze
    documents_read,
    documents_write,    // PUT, DELETE and bulk of documents
    collections_read,   // list and describe collections
    collections_write,  // create and drop collections
    metrics,
    admin,              // manage keys
    describe,           // read the API description: the admin key, or anyone on a server without a key
};

// The names keys are created with ("search", "documents.read", ...); "*" grants every action
// but admin. Throws braid::Error(invalid_argument) for another name.
Action parse_action(std::string_view name, const std::string& path);
std::string_view action_name(Action action);

// Who sent a request, once its key is checked.
struct Caller {
    bool admin = true;                     // the admin key, or a server that needs no key
    std::vector<std::string> collections;  // a created key's collection patterns ("docs*", "*")

    bool may_use(std::string_view collection) const;
};

// `*` matches any run of characters; everything else matches itself.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace braid::http
