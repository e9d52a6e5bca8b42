#include "engine/stored_document.hpp"

#include <algorithm>

#include "core/json_text.hpp"
#include "engine/json_members.hpp"

namespace braid::engine {
namespace {

bool named_in(std::string_view raw_key, const std::vector<std::string>& names) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& name) { return key_equals(raw_key, name); });
}

void append_member(std::string& out, std::string_view field, std::span<const float> vector) {
    append_json_string(out, field);
    out += ":[";
    for (std::size_t i = 0; i < vector.size(); ++i) {
        if (i) out += ',';
        append_float_text(out, vector[i]);
    }
    out += ']';
}

}  // namespace

StrippedDocument strip_member(std::string_view document, std::string_view field) {
    StrippedDocument stripped{std::string(document), {}};
    for (;;) {
        const auto members = top_level_members(stripped.text);
        const auto found = std::find_if(members.begin(), members.end(),
                                        [&](const JsonMember& m) { return key_equals(m.raw_key, field); });
        if (found == members.end()) return stripped;
        const auto i = static_cast<std::size_t>(found - members.begin());
        std::size_t cut_begin = 0, cut_end = 0;
        if (members.size() == 1) {
            cut_begin = members[0].begin;
            cut_end = members[0].end;
            stripped.slot.kind = VectorSlot::Kind::only;
        } else if (i > 0) {
            cut_begin = members[i - 1].end;
            cut_end = members[i].end;
            stripped.slot.kind = VectorSlot::Kind::after_comma;
        } else {
            cut_begin = members[0].begin;
            cut_end = members[1].begin;
            stripped.slot.kind = VectorSlot::Kind::before_comma;
        }
        stripped.text.erase(cut_begin, cut_end - cut_begin);
        stripped.slot.offset = static_cast<std::uint32_t>(cut_begin);
    }
}

std::string with_vector(std::string_view stripped, VectorSlot slot, std::string_view field,
                        std::span<const float> vector) {
    std::string out;
    out.reserve(stripped.size() + field.size() + 4 + vector.size() * 12);
    if (slot.kind == VectorSlot::Kind::none) {
        // As the last member: before the closing brace.
        const auto members = top_level_members(stripped);
        const std::size_t close = stripped.rfind('}');
        out.append(stripped.substr(0, close));
        if (!members.empty()) out += ',';
        append_member(out, field, vector);
        out.append(stripped.substr(close));
        return out;
    }
    out.append(stripped.substr(0, slot.offset));
    if (slot.kind == VectorSlot::Kind::after_comma) out += ',';
    append_member(out, field, vector);
    if (slot.kind == VectorSlot::Kind::before_comma) out += ',';
    out.append(stripped.substr(slot.offset));
    return out;
}

std::string select_members(std::string_view document, const FieldSelection& selection) {
    if (selection.selects_all()) return std::string(document);
    std::string out;
    out.reserve(document.size());
    out += '{';
    bool first = true;
    for (const JsonMember& member : top_level_members(document)) {
        if (!selection.include.empty() && !named_in(member.raw_key, selection.include)) continue;
        if (named_in(member.raw_key, selection.exclude)) continue;
        if (!first) out += ',';
        first = false;
        out.append(document.substr(member.begin, member.end - member.begin));
    }
    out += '}';
    return out;
}

}  // namespace braid::engine
