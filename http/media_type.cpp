#include "http/media_type.hpp"

#include "http/header_text.hpp"

namespace braid::http {

bool media_type_is(std::string_view content_type, std::string_view expected) {
    return iequals_ascii(trim_whitespace(content_type.substr(0, content_type.find(';'))), expected);
}

}  // namespace braid::http
