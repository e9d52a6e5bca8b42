#pragma once
#include <string>
#include <string_view>

namespace braid::engine {

// A document is stored with its id field whichever way it came (a PUT by path may leave it out,
// a bulk line carries it): `object_text`, the JSON text of an object lacking the member, with
// `"<id_field>": "<id>"` added as its first member. The other members keep their text as given.
std::string with_id_member(std::string_view object_text, const std::string& id_field, const std::string& id);

}  // namespace braid::engine
