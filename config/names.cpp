#include "config/config.hpp"

namespace braid::config {

bool is_safe_name(std::string_view name) {
    constexpr std::size_t kMaxLength = 128;
    if (name.empty() || name.size() > kMaxLength) return false;
    const auto allowed = [](char c, bool first) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') return true;
        return !first && (c == '.' || c == '-');
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!allowed(name[i], i == 0)) return false;
    }
    return name.find("..") == std::string_view::npos;
}

std::string_view field_type_name(FieldType type) {
    switch (type) {
        case FieldType::text: return "text";
        case FieldType::keyword: return "keyword";
        case FieldType::integer: return "integer";
        case FieldType::floating: return "float";
        case FieldType::boolean: return "bool";
    }
    return "text";
}

const FieldConfig* CollectionConfig::field(std::string_view name) const {
    for (const auto& f : fields) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

}  // namespace braid::config
