#include "http/media_type.hpp"

#include <algorithm>
#include <cctype>

namespace braid::http {

bool media_type_is(std::string_view content_type, std::string_view expected) {
    std::string_view type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    return type.size() == expected.size() &&
           std::equal(type.begin(), type.end(), expected.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace braid::http
