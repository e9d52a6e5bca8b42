#include "engine/catalog.hpp"

#include <iostream>
#include <mutex>
#include <set>

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "engine/catalog_storage.hpp"
#include "engine/document_parser.hpp"
#include "engine/inference_metrics.hpp"
#include "engine/local_collection.hpp"
#include "engine/schema.hpp"
#include "engine/wal_records.hpp"

namespace braid::engine {

std::optional<boost::json::value> Collection::get(const std::string& id) const {
    auto text = get_text(id);
    if (!text) return std::nullopt;
    return boost::json::parse(*text);
}

struct Catalog::Impl {
    CatalogOptions options;
    analyzers::AnalyzerRegistry registry;
    mutable std::mutex mutex;  // guards `collections`; held across journaling a create or drop
    CollectionMap collections;
    std::map<std::string, std::shared_ptr<Collection>> wrapped;  // cluster mode: what get() answers
    std::set<std::string> configured;  // names the configuration declares (never dropped)
    std::optional<storage::DataDirLock> lock;  // taken before the storage touches data_dir
    std::unique_ptr<StorageMetrics> storage_metrics;  // outlives `storage`, which records into it
    std::shared_ptr<ForwardingCallObserver> inference_observer;
    std::unique_ptr<CatalogStorage> storage;  // null: in memory
    std::unique_ptr<ApiKeyStore> keys;
    bool opened = false;

    std::vector<std::shared_ptr<LocalCollection>> snapshot_list() const {
        std::lock_guard lock(mutex);
        std::vector<std::shared_ptr<LocalCollection>> out;
        for (const auto& [name, collection] : collections) out.push_back(collection);
        return out;
    }

    // Call holding `mutex`.
    std::shared_ptr<Collection> create_locked(const config::CollectionConfig& schema) {
        check_absent(schema);
        auto collection = std::make_shared<LocalCollection>(schema, registry);
        collection->set_inference_observer(inference_observer);
        try {
            collection->prepare_embedder();
        } catch (const Error& e) {
            const std::string path = "vector.embedder" + (e.path().empty() ? "" : "." + e.path());
            throw Error(e.kind(), e.type(), "vector.embedder: " + std::string(e.what()), path);
        }
        collection->set_rerankers(options.rerankers);
        if (storage) {
            storage->append(create_record(schema));
            collection->set_journal(storage.get());
        }
        if (options.wrap) {
            // The cluster may replace the empty collection by one recovered from its snapshot.
            auto outer = options.wrap(collection);
            collection->set_inference_observer(inference_observer);
            collection->set_rerankers(options.rerankers);
            collections[schema.name] = collection;
            wrapped[schema.name] = outer;
            return outer;
        }
        collections[schema.name] = collection;
        return collection;
    }

    // Call holding `mutex`.
    void check_absent(const config::CollectionConfig& schema) const {
        check_schema(schema, registry);
        if (collections.contains(schema.name))
            throw Error(ErrorKind::conflict, "collection_exists", "collection \"" + schema.name + "\" already exists",
                        "name");
    }
};

Catalog::Catalog(CatalogOptions options, analyzers::AnalyzerRegistry analyzers) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->registry = std::move(analyzers);
    impl_->inference_observer = impl_->options.inference_observer ? impl_->options.inference_observer
                                                                  : std::make_shared<ForwardingCallObserver>();
    if (!impl_->options.data_dir.empty()) {
        impl_->lock.emplace(impl_->options.data_dir, impl_->options.role);
        Impl* impl = impl_.get();
        impl_->storage = std::make_unique<CatalogStorage>(impl_->options.data_dir, impl_->options.snapshot_every_bytes,
                                                          impl_->options.min_free_disk_bytes,
                                                          [impl] { return impl->snapshot_list(); });
    }
    impl_->keys = std::make_unique<ApiKeyStore>(
        impl_->options.data_dir.empty() ? std::filesystem::path{} : impl_->options.data_dir / "keys.json");
}

Catalog::~Catalog() {
    if (impl_->storage) impl_->storage->wait_for_background_snapshot();
}

void Catalog::open(const std::vector<config::CollectionConfig>& configured) {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->opened) throw Error(ErrorKind::internal, "already_open", "the catalog is already open");
        impl_->opened = true;
    }
    // Recovery runs before the catalog is shared, without its lock (a snapshot takes the storage's
    // lock first, then the catalog's).
    CollectionMap recovered;
    if (impl_->storage) {
        recovered = impl_->storage->recover(impl_->registry);
        for (auto& [name, collection] : recovered) {
            collection->set_journal(impl_->storage.get());
            collection->set_rerankers(impl_->options.rerankers);
            collection->set_inference_observer(impl_->inference_observer);
        }
    }
    std::lock_guard lock(impl_->mutex);
    impl_->collections = std::move(recovered);
    for (const auto& schema : configured) {
        impl_->configured.insert(schema.name);
        const auto it = impl_->collections.find(schema.name);
        if (it == impl_->collections.end()) {
            impl_->create_locked(schema);
            continue;
        }
        if (const auto member = first_schema_difference(it->second->schema(), schema); !member.empty())
            throw Error(ErrorKind::conflict, "schema_conflict",
                        "collection \"" + schema.name + "\" is stored with a schema that differs from the configuration at `" +
                            member + "`; change the configuration back, or drop the collection (remove it from the configuration, "
                            "start braid, DELETE /collections/" + schema.name + ", then declare it anew)",
                        member);
    }
}

std::vector<std::pair<std::string, std::size_t>> Catalog::list() const {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const auto& collection : impl_->snapshot_list())
        out.emplace_back(collection->schema().name, collection->stats().documents);
    return out;
}

std::shared_ptr<Collection> Catalog::get(const std::string& name) const {
    std::lock_guard lock(impl_->mutex);
    if (const auto wrapped = impl_->wrapped.find(name); wrapped != impl_->wrapped.end()) return wrapped->second;
    const auto it = impl_->collections.find(name);
    if (it == impl_->collections.end())
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + name + "\" does not exist");
    return it->second;
}

std::shared_ptr<Collection> Catalog::create(const config::CollectionConfig& schema) {
    if (impl_->options.publish_create) {
        {
            std::lock_guard lock(impl_->mutex);
            impl_->check_absent(schema);
        }
        impl_->options.publish_create(schema);
        return get(schema.name);
    }
    std::lock_guard lock(impl_->mutex);
    return impl_->create_locked(schema);
}

void Catalog::apply_create(const config::CollectionConfig& schema) {
    std::lock_guard lock(impl_->mutex);
    if (const auto it = impl_->collections.find(schema.name); it != impl_->collections.end()) {
        if (const auto member = first_schema_difference(it->second->schema(), schema); !member.empty())
            std::cerr << "braid: the catalog stream creates \"" << schema.name
                      << "\" with a schema that differs from this node's at `" << member << "`; keeping this node's\n";
        return;
    }
    impl_->create_locked(schema);
}

void Catalog::apply_drop(const std::string& name) {
    std::shared_ptr<Collection> outer;  // released after the lock: its destructor stops a follower
    {
        std::lock_guard lock(impl_->mutex);
        const auto it = impl_->collections.find(name);
        if (it == impl_->collections.end()) return;
        it->second->mark_dropped([] {});
        impl_->collections.erase(it);
        if (const auto wrapped = impl_->wrapped.find(name); wrapped != impl_->wrapped.end()) {
            outer = std::move(wrapped->second);
            impl_->wrapped.erase(wrapped);
        }
    }
}

void Catalog::drop(const std::string& name) {
    if (impl_->options.publish_drop) {
        {
            std::lock_guard lock(impl_->mutex);
            if (!impl_->collections.contains(name))
                throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + name + "\" does not exist");
            if (impl_->configured.contains(name))
                throw Error(ErrorKind::conflict, "collection_in_config",
                            "collection \"" + name + "\" is declared in " + impl_->options.config_file +
                                "; remove it there to delete it");
        }
        impl_->options.publish_drop(name);
        return;
    }
    std::lock_guard lock(impl_->mutex);
    const auto it = impl_->collections.find(name);
    if (it == impl_->collections.end())
        throw Error(ErrorKind::not_found, "collection_not_found", "collection \"" + name + "\" does not exist");
    if (impl_->configured.contains(name))
        throw Error(ErrorKind::conflict, "collection_in_config",
                    "collection \"" + name + "\" is declared in " + impl_->options.config_file +
                        " and would come back, empty, at the next start; to delete it, remove it from " +
                        impl_->options.config_file + ", restart, then delete it");
    it->second->mark_dropped([&] {
        if (impl_->storage) impl_->storage->append(drop_record(name));
    });
    impl_->collections.erase(it);
}

UpsertOutcome Collection::upsert_text(const std::string& id, std::string_view json_text) {
    return upsert(id, parse_document_text(json_text));
}

const analyzers::AnalyzerRegistry& Catalog::analyzers() const { return impl_->registry; }

ApiKeyStore& Catalog::keys() { return *impl_->keys; }

void Catalog::record_metrics(metrics::Registry& registry) {
    impl_->storage_metrics = std::make_unique<StorageMetrics>(registry);
    if (impl_->storage) impl_->storage->set_metrics(impl_->storage_metrics.get());
    impl_->inference_observer->attach(std::make_shared<const InferenceMetrics>(registry));
}

std::shared_ptr<const inference::CallObserver> Catalog::inference_observer() const {
    return impl_->inference_observer;
}

std::optional<std::uint64_t> Catalog::free_disk_bytes() const {
    if (!impl_->storage) return std::nullopt;
    return impl_->storage->free_bytes();
}

void Catalog::advertise(const std::string& url) {
    if (impl_->lock) impl_->lock->set_url(url);
}

std::optional<DataDirHolder> data_dir_holder(const std::filesystem::path& data_dir) {
    return storage::DataDirLock::read_holder(data_dir);
}

void Catalog::snapshot() {
    if (impl_->storage) impl_->storage->snapshot();
}

}  // namespace braid::engine
