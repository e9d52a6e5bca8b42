#include "tests/durability/durability_support.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace braid::durability {

namespace fs = std::filesystem;
namespace json = boost::json;

void ServerHome::write_config(const std::vector<std::string>& collections, std::uint64_t snapshot_every_bytes,
                              unsigned threads) const {
    std::string text = R"({"server": {"host": "127.0.0.1", "port": 0, "threads": )" + std::to_string(threads) +
                       R"(, "data_dir": )";
    text += json::serialize(json::value(data_dir().string()));
    text += R"(, "snapshot_every_bytes": )" + std::to_string(snapshot_every_bytes) + "},\n \"collections\": [";
    for (std::size_t i = 0; i < collections.size(); ++i) text += (i ? ",\n  " : "\n  ") + collections[i];
    text += "]}\n";
    write_bytes(config_file(), text);
}

std::string collection_schema(const std::string& name, std::size_t dimension) {
    return R"({"name": ")" + name + R"(", "id_field": "id",
    "fields": {"title": {"type": "text"}, "body": {"type": "text"},
               "tag": {"type": "keyword"}, "year": {"type": "integer"}},
    "vector": {"field": "embedding", "dimension": )" +
           std::to_string(dimension) + R"(, "metric": "cosine",
               "index": {"type": "hnsw", "m": 16, "ef_construction": 64, "ef_search": 64}}})";
}

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t seed_of(const std::string& id, int version) {
    std::uint64_t h = 1469598103934665603ull;
    for (const unsigned char c : id) h = (h ^ c) * 1099511628211ull;
    return mix(h ^ static_cast<std::uint64_t>(version));
}

std::string letters(const std::string& text) {  // digits a..j, anything else x: one ICU word
    std::string out;
    for (const char c : text) out += (c >= '0' && c <= '9') ? static_cast<char>('a' + (c - '0')) : (std::isalpha(static_cast<unsigned char>(c)) ? c : 'x');
    return out;
}

const char* const kWords[] = {"protein", "cell", "gene", "study", "patients", "risk", "clinical", "expression",
                              "mice", "tumor", "brain", "signal", "dose", "trial", "cohort", "immune"};

}  // namespace

std::string unique_word(const std::string& id, int version) {
    std::string word = "q";
    word.append(letters(id)).append("v").append(letters(std::to_string(version)));
    return word;
}

std::vector<float> document_vector(const std::string& id, int version) {
    std::vector<float> v(kDimension);
    std::uint64_t s = seed_of(id, version);
    for (auto& x : v) {
        s = mix(s);
        x = static_cast<float>(static_cast<double>(s >> 11) / 9007199254740992.0 * 2.0 - 1.0);
    }
    return v;
}

std::string document_json(const std::string& id, int version) {
    std::uint64_t s = seed_of(id, version) ^ 0xABCDEFull;
    std::string body;
    for (int i = 0; i < 12; ++i) {
        s = mix(s);
        body += std::string(i ? " " : "") + kWords[s % std::size(kWords)];
    }
    json::object doc;
    doc["id"] = id;
    doc["title"] = "document " + unique_word(id, version);
    doc["body"] = body;
    doc["tag"] = std::string("k").append(std::to_string(version % 5));
    doc["year"] = 1990 + version % 30;
    doc["version"] = version;
    json::array embedding;
    for (const float x : document_vector(id, version)) embedding.emplace_back(static_cast<double>(x));
    doc["embedding"] = std::move(embedding);
    return json::serialize(doc);
}

json::value parse_json(const std::string& text) {
    try {
        return json::parse(text);
    } catch (const std::exception& e) {
        throw std::runtime_error("not JSON (" + std::string(e.what()) + "): " + text.substr(0, 200));
    }
}

namespace {

// The document as read back equals the one written, its vector (from the dense index, as floats;
// under cosine the unit vector times its norm) to within a few float ulps.
bool same_document(const json::value& got, const json::value& sent) {
    if (!got.is_object() || !sent.is_object() || got.get_object().size() != sent.get_object().size()) return false;
    for (const auto& member : sent.get_object()) {
        const json::value* mine = got.get_object().if_contains(member.key());
        if (!mine) return false;
        if (member.key() != "embedding") {
            if (*mine != member.value()) return false;
            continue;
        }
        const auto &a = mine->as_array(), &b = member.value().as_array();
        if (a.size() != b.size()) return false;
        // Normalizing, rounding to float and scaling back by the norm costs a few float ulps of
        // the norm per component (not of the component: a small one may move relatively more).
        double norm = 0;
        for (const auto& y : b) norm += y.to_number<double>() * y.to_number<double>();
        const double tolerance = 8 * std::numeric_limits<float>::epsilon() * std::max(1.0, std::sqrt(norm));
        for (std::size_t i = 0; i < a.size(); ++i) {
            const double x = a[i].to_number<double>(), y = b[i].to_number<double>();
            if (std::abs(x - y) > tolerance) return false;
        }
    }
    return true;
}

}  // namespace

std::optional<int> stored_version(HttpClient& client, const std::string& collection, const std::string& id) {
    const HttpResponse r = client.get("/collections/" + collection + "/documents/" + id);
    if (r.status == 404) return std::nullopt;
    if (r.status != 200) throw std::runtime_error("GET " + id + ": " + std::to_string(r.status) + " " + r.body);
    const json::value body = parse_json(r.body);
    const json::value& document = body.at("document");
    const int version = static_cast<int>(document.at("version").to_number<std::int64_t>());
    if (!same_document(document, parse_json(document_json(id, version)))) {
        throw std::runtime_error("GET " + id + ": content differs from version " + std::to_string(version) + ": " + r.body);
    }
    return version;
}

std::optional<std::size_t> listed_documents(HttpClient& client, const std::string& collection) {
    const HttpResponse r = client.get("/collections");
    if (r.status != 200) throw std::runtime_error("GET /collections: " + std::to_string(r.status) + " " + r.body);
    const json::value body = parse_json(r.body);
    for (const auto& entry : body.at("collections").as_array()) {
        if (entry.at("name").as_string() == collection) return entry.at("documents").to_number<std::size_t>();
    }
    return std::nullopt;
}

std::vector<std::string> search_ids(HttpClient& client, const std::string& collection, const std::string& body) {
    const HttpResponse r = client.post("/collections/" + collection + "/search", body);
    if (r.status != 200) throw std::runtime_error("search: " + std::to_string(r.status) + " " + r.body);
    std::vector<std::string> ids;
    const json::value answer = parse_json(r.body);
    for (const auto& hit : answer.at("hits").as_array()) ids.emplace_back(hit.at("id").as_string());
    return ids;
}

std::string lexical_search_body(const std::string& word, std::size_t k) {
    return R"({"query": ")" + word + R"(", "k": )" + std::to_string(k) + "}";
}

std::string vector_search_body(const std::vector<float>& vector, std::size_t k) {
    json::array v;
    for (const float x : vector) v.emplace_back(static_cast<double>(x));
    return R"({"vector": )" + json::serialize(v) + R"(, "k": )" + std::to_string(k) + "}";
}

namespace {

std::vector<fs::path> numbered_entries(const fs::path& dir, const std::string& prefix, const std::string& suffix) {
    std::vector<std::pair<std::uint64_t, fs::path>> found;
    if (!fs::exists(dir)) return {};
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() <= prefix.size() + suffix.size()) continue;
        if (name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
        if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
        found.emplace_back(std::stoull(digits), entry.path());
    }
    std::sort(found.begin(), found.end());
    std::vector<fs::path> paths;
    for (auto& [sequence, path] : found) paths.push_back(std::move(path));
    return paths;
}

std::uint64_t little_endian(const std::string& bytes, std::size_t at, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return value;
}

}  // namespace

std::vector<fs::path> wal_segments(const fs::path& data_dir) { return numbered_entries(data_dir / "wal", "wal-", ".log"); }

std::vector<fs::path> snapshot_dirs(const fs::path& data_dir) {
    std::vector<fs::path> dirs;
    for (auto& path : numbered_entries(data_dir / "snapshots", "snap-", "")) {
        if (fs::is_directory(path)) dirs.push_back(std::move(path));
    }
    return dirs;
}

std::vector<LogRecordSpan> log_records(const fs::path& segment) {
    constexpr std::size_t kHeader = 20;
    constexpr std::uint64_t kMagic = 0x4C415742u;  // "BWAL", storage/wal_record.hpp
    const std::string bytes = read_bytes(segment);
    std::vector<LogRecordSpan> records;
    std::size_t at = 0;
    while (at + kHeader <= bytes.size()) {
        if (little_endian(bytes, at, 4) != kMagic) throw std::runtime_error("no record magic at " + std::to_string(at));
        const std::uint64_t length = little_endian(bytes, at + 4, 4);
        if (at + kHeader + length > bytes.size()) break;
        records.push_back({at, kHeader + length, bytes.substr(at + kHeader, length)});
        at += kHeader + length;
    }
    return records;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

void flip_byte(const fs::path& file, std::uint64_t offset) {
    std::string bytes = read_bytes(file);
    bytes.at(offset) = static_cast<char>(bytes.at(offset) ^ 0x5A);
    write_bytes(file, bytes);
}

}  // namespace braid::durability
