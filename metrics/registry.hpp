#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "metrics/instruments.hpp"

namespace braid::metrics {

using LabelValues = std::vector<std::string>;

enum class MetricType { counter, gauge, histogram };

// One metric name with its label names and one instrument per combination of label values,
// created on first use. Thread-safe; an instrument's address is stable, so a hot path may keep it.
template <typename Instrument>
class Family {
public:
    Family(std::string name, std::string help, std::vector<std::string> label_names,
           std::function<std::unique_ptr<Instrument>()> make)
        : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)), make_(std::move(make)) {}

    // `values` pairs up with the label names (std::invalid_argument when the counts differ).
    Instrument& with(const LabelValues& values = {});

    const std::string& name() const { return name_; }
    const std::string& help() const { return help_; }
    const std::vector<std::string>& label_names() const { return label_names_; }
    // Every instrument with its label values, in label order.
    std::vector<std::pair<LabelValues, const Instrument*>> instruments() const;

private:
    std::string name_, help_;
    std::vector<std::string> label_names_;
    std::function<std::unique_ptr<Instrument>()> make_;
    mutable std::shared_mutex mutex_;
    std::map<LabelValues, std::unique_ptr<Instrument>> instruments_;
};

// A family computed at scrape time (collection sizes, process memory): what a collector returns.
struct CollectedFamily {
    std::string name, help;
    MetricType type = MetricType::gauge;   // counter or gauge
    std::vector<std::string> label_names;
    std::vector<std::pair<LabelValues, double>> samples;
};
using Collector = std::function<std::vector<CollectedFamily>()>;

// Every metric of a process, rendered in the Prometheus text exposition format 0.0.4.
// Registering a name twice, or a name or label name Prometheus would refuse, throws
// std::invalid_argument. Thread-safe.
class Registry {
public:
    Family<Counter>& counter(const std::string& name, const std::string& help, std::vector<std::string> label_names = {});
    Family<Gauge>& gauge(const std::string& name, const std::string& help, std::vector<std::string> label_names = {});
    Family<Histogram>& histogram(const std::string& name, const std::string& help, std::vector<std::string> label_names,
                                 std::vector<double> upper_bounds);
    void add_collector(Collector collector);

    std::string render() const;

private:
    void claim(const std::string& name, const std::vector<std::string>& label_names);

    mutable std::mutex mutex_;
    std::vector<std::string> names_;
    std::vector<std::unique_ptr<Family<Counter>>> counters_;
    std::vector<std::unique_ptr<Family<Gauge>>> gauges_;
    std::vector<std::unique_ptr<Family<Histogram>>> histograms_;
    std::vector<Collector> collectors_;
};

// The media type of render()'s output.
inline constexpr const char* exposition_content_type = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace braid::metrics
