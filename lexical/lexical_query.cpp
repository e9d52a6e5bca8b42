#include "lexical/lexical_query.hpp"

#include <cmath>

#include "core/error.hpp"

namespace braid::lexical {

void check_boost(std::string_view field, double boost) {
    if (boost >= 0 && std::isfinite(static_cast<float>(boost))) return;
    const std::string path = "fields." + std::string(field);
    throw Error(ErrorKind::invalid_argument, "invalid_boost", path + ": a boost must be a finite number >= 0", path);
}

}  // namespace braid::lexical
