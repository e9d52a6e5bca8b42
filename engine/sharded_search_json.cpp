#include "engine/sharded_search_json.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json_text.hpp"

namespace braid::engine {

namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& path, const std::string& what) {
    throw Error(ErrorKind::invalid_argument, "invalid_request", path + ": " + what, path);
}

const json::object& object_at(const json::value& v, const std::string& path) {
    if (!v.is_object()) invalid(path, "must be an object");
    return v.get_object();
}

const json::array& array_at(const json::value& v, const std::string& path) {
    if (!v.is_array()) invalid(path, "must be an array");
    return v.get_array();
}

std::uint64_t count_at(const json::value& v, const std::string& path) {
    if (v.is_uint64()) return v.get_uint64();
    if (v.is_int64() && v.get_int64() >= 0) return static_cast<std::uint64_t>(v.get_int64());
    invalid(path, "must be a count (an integer >= 0)");
}

float score_at(const json::value& v, const std::string& path) {
    if (!v.is_number()) invalid(path, "must be a number");
    return static_cast<float>(v.to_number<double>());
}

const json::value& member(const json::object& o, const char* name, const std::string& path) {
    const json::value* v = o.if_contains(name);
    if (v == nullptr) invalid(path + "." + name, "is missing");
    return *v;
}

void append_score(std::string& out, float score) { append_number_text(out, static_cast<double>(score)); }

void append_side(std::string& out, const std::vector<RankedId>& side) {
    out += '[';
    for (std::size_t i = 0; i < side.size(); ++i) {
        if (i > 0) out += ',';
        out += '[';
        append_json_string(out, side[i].id);
        out += ',';
        append_score(out, side[i].score);
        out += ']';
    }
    out += ']';
}

std::vector<RankedId> side_from_json(const json::value& v, const std::string& path) {
    std::vector<RankedId> out;
    const auto& items = array_at(v, path);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        const auto& pair = array_at(items[i], at);
        if (pair.size() != 2 || !pair[0].is_string()) invalid(at, "must be [id, score]");
        out.push_back(RankedId{std::string(pair[0].get_string()), score_at(pair[1], at + "[1]")});
    }
    return out;
}

json::object term_json(const TermExplanation& t) {
    json::object o;
    o["field"] = t.field;
    o["term"] = t.term;
    o["tf"] = t.tf;
    o["df"] = t.df;
    o["idf"] = static_cast<double>(t.idf);
    o["field_length"] = t.field_length;
    o["avg_field_length"] = static_cast<double>(t.avg_field_length);
    o["boost"] = static_cast<double>(t.boost);
    o["score"] = static_cast<double>(t.score);
    if (!t.field_parts.empty()) {
        json::array parts;
        for (const auto& p : t.field_parts)
            parts.push_back(json::object{{"field", p.field}, {"tf", p.tf}, {"field_length", p.field_length}});
        o["fields"] = std::move(parts);
    }
    return o;
}

TermExplanation term_from_json(const json::value& v, const std::string& path) {
    const auto& o = object_at(v, path);
    const auto text = [&](const char* name) {
        const auto& m = member(o, name, path);
        if (!m.is_string()) invalid(path + "." + name, "must be a string");
        return std::string(m.get_string());
    };
    TermExplanation t;
    t.field = text("field");
    t.term = text("term");
    t.tf = static_cast<std::uint32_t>(count_at(member(o, "tf", path), path + ".tf"));
    t.df = static_cast<std::uint32_t>(count_at(member(o, "df", path), path + ".df"));
    t.idf = score_at(member(o, "idf", path), path + ".idf");
    t.field_length = static_cast<std::uint32_t>(count_at(member(o, "field_length", path), path + ".field_length"));
    t.avg_field_length = score_at(member(o, "avg_field_length", path), path + ".avg_field_length");
    t.boost = score_at(member(o, "boost", path), path + ".boost");
    t.score = score_at(member(o, "score", path), path + ".score");
    if (const json::value* parts = o.if_contains("fields")) {
        const auto& items = array_at(*parts, path + ".fields");
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string at = path + ".fields[" + std::to_string(i) + "]";
            const auto& p = object_at(items[i], at);
            const auto& field = member(p, "field", at);
            if (!field.is_string()) invalid(at + ".field", "must be a string");
            t.field_parts.push_back(lexical::FieldPart{std::string(field.get_string()),
                                                       static_cast<std::uint32_t>(count_at(member(p, "tf", at), at + ".tf")),
                                                       static_cast<std::uint32_t>(count_at(member(p, "field_length", at), at + ".field_length"))});
        }
    }
    return t;
}

}  // namespace

std::string statistics_text(const lexical::CorpusStatistics& statistics) {
    json::object fields;
    for (const auto& [name, f] : statistics.fields) {
        json::object df;
        for (const auto& [term, n] : f.df) df[term] = n;
        fields[name] = json::object{{"documents", f.documents}, {"total_length", f.total_length}, {"df", std::move(df)}};
    }
    return json_text(json::object{{"fields", std::move(fields)}});
}

lexical::CorpusStatistics statistics_from_json(const json::value& value, const std::string& path) {
    lexical::CorpusStatistics out;
    const auto& fields = object_at(member(object_at(value, path), "fields", path), path + ".fields");
    for (const auto& [name, v] : fields) {
        const std::string at = path + ".fields." + std::string(name);
        const auto& o = object_at(v, at);
        lexical::FieldStatistics& f = out.fields[std::string(name)];
        f.documents = count_at(member(o, "documents", at), at + ".documents");
        f.total_length = count_at(member(o, "total_length", at), at + ".total_length");
        for (const auto& [term, n] : object_at(member(o, "df", at), at + ".df"))
            f.df[std::string(term)] = count_at(n, at + ".df");
    }
    return out;
}

std::string shard_sides_text(const ShardSides& sides) {
    std::string out = "{\"lexical\":";
    append_side(out, sides.lexical);
    out += ",\"dense\":";
    append_side(out, sides.dense);
    if (sides.lexical_matches) out += ",\"lexical_matches\":" + std::to_string(*sides.lexical_matches);
    out += '}';
    return out;
}

ShardSides shard_sides_from_json(const json::value& value) {
    const auto& o = object_at(value, "");
    ShardSides sides{side_from_json(member(o, "lexical", ""), "lexical"), side_from_json(member(o, "dense", ""), "dense"),
                     std::nullopt};
    if (const auto* matches = o.if_contains("lexical_matches")) {
        if (!matches->is_uint64() && !(matches->is_int64() && matches->get_int64() >= 0))
            throw Error(ErrorKind::invalid_argument, "invalid_request", "lexical_matches: must be a count", "lexical_matches");
        sides.lexical_matches = matches->to_number<std::uint64_t>();
    }
    return sides;
}

std::string fetched_hits_text(const std::vector<std::optional<FetchedHit>>& hits) {
    json::array out;
    for (const auto& hit : hits) {
        if (!hit) {
            out.emplace_back(nullptr);
            continue;
        }
        json::object o{{"document", hit->document}};
        if (hit->explanation) {
            json::array terms;
            for (const auto& t : hit->explanation->terms) terms.push_back(term_json(t));
            o["explanation"] = std::move(terms);
        }
        out.push_back(std::move(o));
    }
    return json_text(json::object{{"hits", std::move(out)}});
}

std::vector<std::optional<FetchedHit>> fetched_hits_from_json(const json::value& value) {
    std::vector<std::optional<FetchedHit>> out;
    const auto& hits = array_at(member(object_at(value, ""), "hits", ""), "hits");
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const std::string at = "hits[" + std::to_string(i) + "]";
        if (hits[i].is_null()) {
            out.emplace_back(std::nullopt);
            continue;
        }
        const auto& o = object_at(hits[i], at);
        const auto& document = member(o, "document", at);
        if (!document.is_string()) invalid(at + ".document", "must be a string");
        FetchedHit hit{std::string(document.get_string()), std::nullopt};
        if (const auto* terms = o.if_contains("explanation")) {
            HitExplanation explanation;
            const auto& list = array_at(*terms, at + ".explanation");
            for (std::size_t t = 0; t < list.size(); ++t)
                explanation.terms.push_back(term_from_json(list[t], at + ".explanation[" + std::to_string(t) + "]"));
            hit.explanation = std::move(explanation);
        }
        out.push_back(std::move(hit));
    }
    return out;
}

}  // namespace braid::engine
