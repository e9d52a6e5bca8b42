#include "engine/filter_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/json_text.hpp"

namespace braid::engine {

namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& what) {
    const std::string path = "filter." + field;
    throw Error(ErrorKind::invalid_argument, "invalid_filter", path + ": " + what, path);
}

std::string describe(const FilterValue& value) {
    if (const auto* s = std::get_if<std::string>(&value)) return "\"" + *s + "\"";
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) return number_text(*d);
    return std::get<bool>(value) ? "true" : "false";
}

bool is_number(const FilterValue& value) {
    return std::holds_alternative<std::int64_t>(value) || std::holds_alternative<double>(value);
}

double as_double(const FilterValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
    return std::get<double>(value);
}

bool is_integral(const FilterValue& value) {
    if (std::holds_alternative<std::int64_t>(value)) return true;
    const auto* d = std::get_if<double>(&value);
    return d && std::trunc(*d) == *d && std::abs(*d) < 9.2e18;
}

std::int64_t as_integer(const FilterValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    return static_cast<std::int64_t>(std::get<double>(value));
}

bool in_range(double x, const RangeBounds& r) {
    if (std::isnan(x)) return false;
    if (r.gt && !(x > *r.gt)) return false;
    if (r.gte && !(x >= *r.gte)) return false;
    if (r.lt && !(x < *r.lt)) return false;
    if (r.lte && !(x <= *r.lte)) return false;
    return true;
}

}  // namespace

FilterIndex::FilterIndex(std::vector<const config::FieldConfig*> fields) {
    for (const auto* field : fields) {
        Column column;
        column.field = field;
        columns_.push_back(std::move(column));
    }
}

std::uint32_t FilterIndex::Column::value_id(const std::string& value) {
    const auto [it, added] = value_ids.try_emplace(value, static_cast<std::uint32_t>(values.size()));
    if (added) {
        if (values.size() > FacetValueColumn::kMaxValueId) {
            value_ids.erase(it);
            throw Error(ErrorKind::invalid_argument, "invalid_document",
                        "field \"" + field->name + "\" has more than 2^31 distinct values");
        }
        values.push_back(value);
        postings.emplace_back();
    }
    return it->second;
}

void FilterIndex::add(DocOrdinal ordinal, const std::vector<FilterFieldValue>& values) {
    for (std::size_t i = 0; i < columns_.size() && i < values.size(); ++i) {
        Column& c = columns_[i];
        const FilterFieldValue& v = values[i];
        if (const auto* keywords = std::get_if<std::vector<std::string>>(&v)) {
            std::vector<std::uint32_t> ids;  // distinct: a value written twice counts once
            for (const auto& k : *keywords) {
                const std::uint32_t id = c.value_id(k);
                if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
                ids.push_back(id);
                auto& list = c.postings[id];
                if (list.empty() || list.back() != ordinal) list.push_back(ordinal);
            }
            c.by_ordinal.set(ordinal, ids);
        } else if (const auto* flag = std::get_if<bool>(&v)) {
            const std::uint32_t id = c.value_id(*flag ? "true" : "false");
            c.postings[id].push_back(ordinal);
            c.by_ordinal.set(ordinal, std::span<const std::uint32_t>(&id, 1));
        } else if (c.field->type == config::FieldType::integer || c.field->type == config::FieldType::floating) {
            if (c.numbers.size() <= ordinal) c.numbers.resize(std::size_t(ordinal) + 1, std::nan(""));
            if (const auto* i = std::get_if<std::int64_t>(&v)) {
                if (c.integers.size() <= ordinal) c.integers.resize(std::size_t(ordinal) + 1, 0);
                c.integers[ordinal] = *i;
                c.integer_low = std::min(c.integer_low, *i);
                c.integer_high = std::max(c.integer_high, *i);
                c.numbers[ordinal] = static_cast<double>(*i);
            } else if (const auto* d = std::get_if<double>(&v)) {
                c.numbers[ordinal] = *d;
            }
        }
    }
}

const FilterIndex::Column& FilterIndex::column(const FilterClause& clause) const {
    for (const auto& c : columns_)
        if (c.field->name == clause.field) return c;
    std::string names;
    for (const auto& c : columns_) names += (names.empty() ? "" : ", ") + c.field->name;
    invalid(clause.field, "\"" + clause.field + "\" is not a filterable field of this collection (filterable: " +
                              (names.empty() ? "none" : names) + ")");
}

void FilterIndex::validate(const std::vector<FilterClause>& filter) const {
    for (const auto& clause : filter) {
        const Column& c = column(clause);
        const auto type = c.field->type;
        const std::string type_name(config::field_type_name(type));
        if (clause.range && (type == config::FieldType::keyword || type == config::FieldType::boolean))
            invalid(clause.field, "a range needs an integer or float field; \"" + clause.field + "\" is " + type_name);
        for (const auto& value : clause.any_of) {
            const bool ok = type == config::FieldType::keyword    ? std::holds_alternative<std::string>(value)
                            : type == config::FieldType::boolean  ? std::holds_alternative<bool>(value)
                            : type == config::FieldType::floating ? is_number(value)
                                                                  : is_integral(value);
            if (!ok)
                invalid(clause.field, "expected " +
                                          std::string(type == config::FieldType::keyword   ? "a string"
                                                      : type == config::FieldType::boolean ? "true or false"
                                                      : type == config::FieldType::floating ? "a number"
                                                                                           : "an integer") +
                                          " for " + type_name + " field \"" + clause.field + "\", got " +
                                          describe(value));
        }
    }
}

Bitset FilterIndex::matches(const Column& c, const FilterClause& clause, std::size_t size) const {
    Bitset out(size);
    const auto type = c.field->type;
    if (type == config::FieldType::keyword || type == config::FieldType::boolean) {
        for (const auto& value : clause.any_of) {
            const std::string key = type == config::FieldType::keyword ? std::get<std::string>(value)
                                    : std::get<bool>(value)            ? "true"
                                                                       : "false";
            const auto it = c.value_ids.find(key);
            if (it == c.value_ids.end()) continue;
            for (DocOrdinal o : c.postings[it->second])
                if (o < size) out.set(o);
        }
        return out;
    }
    const std::size_t n = std::min(size, c.numbers.size());
    if (!clause.any_of.empty()) {
        if (type == config::FieldType::floating) {
            // A float matches by equal value, as the document's number was read.
            std::vector<double> wanted;
            for (const auto& value : clause.any_of) wanted.push_back(as_double(value));
            for (std::size_t o = 0; o < n; ++o)
                for (auto w : wanted)
                    if (c.numbers[o] == w) { out.set(o); break; }
        } else {
            std::vector<std::int64_t> wanted;
            for (const auto& value : clause.any_of) wanted.push_back(as_integer(value));
            for (std::size_t o = 0; o < n; ++o) {
                if (std::isnan(c.numbers[o]) || o >= c.integers.size()) continue;
                for (auto w : wanted)
                    if (c.integers[o] == w) { out.set(o); break; }
            }
        }
        if (!clause.range) return out;
        Bitset ranged(size);
        for (std::size_t o = 0; o < n; ++o)
            if (in_range(c.numbers[o], *clause.range)) ranged.set(o);
        out &= ranged;
        return out;
    }
    if (clause.range)
        for (std::size_t o = 0; o < n; ++o)
            if (in_range(c.numbers[o], *clause.range)) out.set(o);
    return out;
}

Bitset FilterIndex::evaluate(const std::vector<FilterClause>& filter, const Bitset& live) const {
    Bitset result = live;
    for (const auto& clause : filter) result &= matches(column(clause), clause, live.size());
    return result;
}

void FilterIndex::remap(const OrdinalRemap& remap) {
    for (Column& c : columns_) {
        if (!c.values.empty()) {
            std::vector<std::uint32_t> new_id(c.values.size(), FacetValueColumn::kNone);
            std::vector<std::string> values;
            std::vector<std::vector<DocOrdinal>> postings;
            for (std::size_t id = 0; id < c.values.size(); ++id) {
                std::vector<DocOrdinal> kept;
                for (DocOrdinal o : c.postings[id])
                    if (remap.keeps(o)) kept.push_back(remap(o));  // monotone: stays sorted
                if (kept.empty()) continue;
                new_id[id] = static_cast<std::uint32_t>(values.size());
                values.push_back(std::move(c.values[id]));
                postings.push_back(std::move(kept));
            }
            c.by_ordinal.remap(remap, new_id);
            c.values = std::move(values);
            c.postings = std::move(postings);
            c.value_ids.clear();
            for (std::size_t id = 0; id < c.values.size(); ++id)
                c.value_ids.emplace(c.values[id], static_cast<std::uint32_t>(id));
        }
        if (c.numbers.empty()) continue;
        std::vector<double> numbers(remap.new_end(), std::nan(""));
        std::vector<std::int64_t> integers(c.integers.empty() ? 0 : remap.new_end(), 0);
        c.integer_low = std::numeric_limits<std::int64_t>::max();
        c.integer_high = std::numeric_limits<std::int64_t>::min();
        for (std::size_t o = 0; o < c.numbers.size(); ++o) {
            const DocOrdinal moved = remap(static_cast<DocOrdinal>(o));
            if (moved == kNoDoc) continue;
            numbers[moved] = c.numbers[o];
            if (o < c.integers.size() && !std::isnan(c.numbers[o])) {
                integers[moved] = c.integers[o];
                c.integer_low = std::min(c.integer_low, c.integers[o]);
                c.integer_high = std::max(c.integer_high, c.integers[o]);
            }
        }
        c.numbers = std::move(numbers);
        c.integers = std::move(integers);
    }
}

std::size_t FilterIndex::memory_bytes() const {
    std::size_t bytes = 0;
    for (const auto& c : columns_) {
        bytes += c.numbers.capacity() * sizeof(double) + c.integers.capacity() * sizeof(std::int64_t);
        // A value's two copies (dictionary key and by-id name) with their hash node, and its postings.
        for (std::size_t id = 0; id < c.values.size(); ++id)
            bytes += 2 * (c.values[id].capacity() + sizeof(std::string)) + 32 + sizeof(std::vector<DocOrdinal>) +
                     c.postings[id].capacity() * sizeof(DocOrdinal);
        bytes += c.by_ordinal.memory_bytes();
    }
    return bytes;
}

}  // namespace braid::engine
