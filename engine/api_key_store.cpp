#include "engine/api_key_store.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "storage/durable_file.hpp"

namespace braid::engine {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
}

std::vector<std::string> strings_of(const json::value& value) {
    std::vector<std::string> out;
    for (const auto& v : value.as_array()) out.emplace_back(v.as_string());
    return out;
}

json::object to_json(const ApiKeyRecord& key) {
    json::object out;
    out["id"] = key.id;
    out["secret_sha256"] = key.secret_sha256;
    out["actions"] = strings(key.actions);
    out["collections"] = strings(key.collections);
    out["expires_at"] = key.expires_at ? json::value(*key.expires_at) : json::value(nullptr);
    out["created_at"] = key.created_at;
    out["description"] = key.description;
    return out;
}

ApiKeyRecord from_json(const json::value& value) {
    ApiKeyRecord key;
    key.id = std::string(value.at("id").as_string());
    key.secret_sha256 = std::string(value.at("secret_sha256").as_string());
    key.actions = strings_of(value.at("actions"));
    key.collections = strings_of(value.at("collections"));
    if (!value.at("expires_at").is_null()) key.expires_at = value.at("expires_at").to_number<std::int64_t>();
    key.created_at = value.at("created_at").to_number<std::int64_t>();
    key.description = std::string(value.at("description").as_string());
    return key;
}

}  // namespace

ApiKeyStore::ApiKeyStore(std::filesystem::path file) : file_(std::move(file)) {
    if (file_.empty() || !std::filesystem::exists(file_)) return;
    std::ifstream in(file_, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    try {
        const json::value stored = json::parse(text);
        for (const auto& key : stored.at("keys").as_array()) keys_.push_back(from_json(key));
    } catch (const std::exception& e) {
        throw Error(ErrorKind::io, "corrupt_keys", "cannot read the API keys in " + file_.string() + ": " + e.what());
    }
}

void ApiKeyStore::add(ApiKeyRecord record) {
    std::lock_guard lock(mutex_);
    if (std::any_of(keys_.begin(), keys_.end(), [&](const ApiKeyRecord& k) { return k.id == record.id; })) {
        throw Error(ErrorKind::conflict, "key_exists", "a key with id \"" + record.id + "\" exists");
    }
    keys_.push_back(std::move(record));
    try {
        save();
    } catch (...) {
        keys_.pop_back();  // not durable, so not granted
        throw;
    }
}

bool ApiKeyStore::remove(const std::string& id) {
    std::lock_guard lock(mutex_);
    const auto it = std::find_if(keys_.begin(), keys_.end(), [&](const ApiKeyRecord& k) { return k.id == id; });
    if (it == keys_.end()) return false;
    const ApiKeyRecord removed = *it;
    const auto position = keys_.erase(it);
    try {
        save();
    } catch (...) {
        keys_.insert(position, removed);
        throw;
    }
    return true;
}

std::vector<ApiKeyRecord> ApiKeyStore::list() const {
    std::lock_guard lock(mutex_);
    return keys_;
}

std::optional<ApiKeyRecord> ApiKeyStore::find_by_hash(const std::string& secret_sha256) const {
    std::lock_guard lock(mutex_);
    for (const auto& key : keys_) {
        if (key.secret_sha256 == secret_sha256) return key;
    }
    return std::nullopt;
}

void ApiKeyStore::save() const {
    if (file_.empty()) return;
    json::array keys;
    for (const auto& key : keys_) keys.push_back(to_json(key));
    const std::filesystem::path temporary = file_.string() + ".tmp";
    storage::write_file_durably(temporary, json::serialize(json::object{{"keys", std::move(keys)}}));
    std::error_code ec;
    std::filesystem::rename(temporary, file_, ec);
    if (ec) throw Error(ErrorKind::io, "io_error", "cannot rename " + temporary.string() + ": " + ec.message());
    storage::fsync_directory(file_.parent_path());
}

}  // namespace braid::engine
