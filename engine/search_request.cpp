#include "engine/search_request.hpp"

#include "core/error.hpp"

namespace braid::engine {

void check_has_query_or_vector(const SearchRequest& request) {
    if (request.query || request.vector) return;
    throw Error(ErrorKind::invalid_argument, "invalid_request",
                "a search needs \"query\" (lexical), \"vector\" (dense), or both (hybrid)", "query");
}

}  // namespace braid::engine
