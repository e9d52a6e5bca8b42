#include "metrics/registry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace braid::metrics {

namespace {

bool valid_name(const std::string& name, bool allow_colon) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

// Prometheus' float syntax: shortest round-trip digits, "+Inf", "-Inf", "NaN".
std::string number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string escaped(std::string_view text, bool quote) {
    std::string out;
    for (const char c : text) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '"' && quote) out += "\\\"";
        else out += c;
    }
    return out;
}

std::string label_set(const std::vector<std::string>& names, const LabelValues& values,
                      const std::pair<std::string, std::string>* extra = nullptr) {
    if (names.empty() && extra == nullptr) return "";
    std::string out = "{";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += ',';
        out += names[i] + "=\"" + escaped(values[i], true) + "\"";
    }
    if (extra != nullptr) {
        if (!names.empty()) out += ',';
        out += extra->first + "=\"" + escaped(extra->second, true) + "\"";
    }
    return out + "}";
}

void header(std::string& out, const std::string& name, const std::string& help, std::string_view type) {
    out += "# HELP " + name + " " + escaped(help, false) + "\n";
    out += "# TYPE " + name + " ";
    out += type;
    out += "\n";
}

std::string_view type_name(MetricType type) {
    switch (type) {
        case MetricType::counter: return "counter";
        case MetricType::gauge: return "gauge";
        case MetricType::histogram: return "histogram";
    }
    return "untyped";
}

template <typename Instrument>
void render_simple(std::string& out, const Family<Instrument>& family, MetricType type) {
    const auto instruments = family.instruments();
    if (instruments.empty() && !family.label_names().empty()) return;  // nothing observed yet
    header(out, family.name(), family.help(), type_name(type));
    if (instruments.empty()) {
        out += family.name() + " 0\n";
        return;
    }
    for (const auto& [values, instrument] : instruments)
        out += family.name() + label_set(family.label_names(), values) + " " + number(instrument->value()) + "\n";
}

void render_histogram(std::string& out, const Family<Histogram>& family) {
    const auto instruments = family.instruments();
    if (instruments.empty()) return;
    header(out, family.name(), family.help(), "histogram");
    for (const auto& [values, histogram] : instruments) {
        const auto snap = histogram->snapshot();
        for (std::size_t i = 0; i <= snap.upper_bounds.size(); ++i) {
            const std::pair<std::string, std::string> le{
                "le", i < snap.upper_bounds.size() ? number(snap.upper_bounds[i]) : "+Inf"};
            out += family.name() + "_bucket" + label_set(family.label_names(), values, &le) + " " +
                   number(static_cast<double>(snap.cumulative[i])) + "\n";
        }
        out += family.name() + "_sum" + label_set(family.label_names(), values) + " " + number(snap.sum) + "\n";
        out += family.name() + "_count" + label_set(family.label_names(), values) + " " +
               number(static_cast<double>(snap.count)) + "\n";
    }
}

}  // namespace

template <typename Instrument>
Instrument& Family<Instrument>::with(const LabelValues& values) {
    if (values.size() != label_names_.size()) {
        throw std::invalid_argument(name_ + ": expected " + std::to_string(label_names_.size()) + " label values");
    }
    {
        std::shared_lock read(mutex_);
        if (const auto it = instruments_.find(values); it != instruments_.end()) return *it->second;
    }
    std::unique_lock write(mutex_);
    auto& slot = instruments_[values];
    if (!slot) slot = make_();
    return *slot;
}

template <typename Instrument>
std::vector<std::pair<LabelValues, const Instrument*>> Family<Instrument>::instruments() const {
    std::shared_lock read(mutex_);
    std::vector<std::pair<LabelValues, const Instrument*>> out;
    for (const auto& [values, instrument] : instruments_) out.emplace_back(values, instrument.get());
    return out;
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

void Registry::claim(const std::string& name, const std::vector<std::string>& label_names) {
    if (!valid_name(name, true)) throw std::invalid_argument("invalid metric name \"" + name + "\"");
    for (const auto& label : label_names) {
        if (!valid_name(label, false) || label.rfind("__", 0) == 0 || label == "le") {
            throw std::invalid_argument(name + ": invalid label name \"" + label + "\"");
        }
    }
    if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
        throw std::invalid_argument("metric \"" + name + "\" is registered twice");
    }
    names_.push_back(name);
}

Family<Counter>& Registry::counter(const std::string& name, const std::string& help,
                                   std::vector<std::string> label_names) {
    std::lock_guard lock(mutex_);
    claim(name, label_names);
    counters_.push_back(std::make_unique<Family<Counter>>(name, help, std::move(label_names),
                                                          [] { return std::make_unique<Counter>(); }));
    return *counters_.back();
}

Family<Gauge>& Registry::gauge(const std::string& name, const std::string& help, std::vector<std::string> label_names) {
    std::lock_guard lock(mutex_);
    claim(name, label_names);
    gauges_.push_back(std::make_unique<Family<Gauge>>(name, help, std::move(label_names),
                                                      [] { return std::make_unique<Gauge>(); }));
    return *gauges_.back();
}

Family<Histogram>& Registry::histogram(const std::string& name, const std::string& help,
                                       std::vector<std::string> label_names, std::vector<double> upper_bounds) {
    std::lock_guard lock(mutex_);
    claim(name, label_names);
    Histogram check(upper_bounds);  // refuses bad bounds now, not at first use
    histograms_.push_back(std::make_unique<Family<Histogram>>(
        name, help, std::move(label_names),
        [bounds = std::move(upper_bounds)] { return std::make_unique<Histogram>(bounds); }));
    return *histograms_.back();
}

void Registry::add_collector(Collector collector) {
    std::lock_guard lock(mutex_);
    collectors_.push_back(std::move(collector));
}

std::string Registry::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& family : counters_) render_simple(out, *family, MetricType::counter);
    for (const auto& family : gauges_) render_simple(out, *family, MetricType::gauge);
    for (const auto& family : histograms_) render_histogram(out, *family);
    for (const auto& collector : collectors_) {
        for (const auto& family : collector()) {
            header(out, family.name, family.help, type_name(family.type));
            for (const auto& [values, value] : family.samples)
                out += family.name + label_set(family.label_names, values) + " " + number(value) + "\n";
        }
    }
    return out;
}

}  // namespace braid::metrics
