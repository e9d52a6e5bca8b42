#include "eval/grid_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace braid::eval {
namespace {

constexpr double kPanelWidth = 420, kPanelHeight = 300, kMarginLeft = 60, kMarginTop = 50, kGap = 90;
constexpr double kWidth = kMarginLeft + 2 * kPanelWidth + kGap + 160, kHeight = kMarginTop + kPanelHeight + 70;
const char* const kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"};

std::string num(double value, int decimals = 2) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Figures written back exactly enough to compare: nDCG with 6 decimals, x as given.
std::string figure(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

std::string escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

struct Axis {
    double lo, hi;
    bool log;
    double to_unit(double v) const {
        if (log) return (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
        return (v - lo) / (hi - lo);
    }
};

struct Panel {
    double left;     // x of the panel's left edge
    Axis x, y;
    double px(double v) const { return left + x.to_unit(v) * kPanelWidth; }
    double py(double v) const { return kMarginTop + (1 - y.to_unit(v)) * kPanelHeight; }
};

void draw_frame(std::string& out, const Panel& p, const std::string& x_label, const std::vector<double>& x_ticks) {
    out += "<rect x=\"" + num(p.left) + "\" y=\"" + num(kMarginTop) + "\" width=\"" + num(kPanelWidth) +
           "\" height=\"" + num(kPanelHeight) + "\" fill=\"none\" stroke=\"#444\"/>\n";
    for (const double t : x_ticks) {
        const double x = p.px(t);
        out += "<line x1=\"" + num(x) + "\" y1=\"" + num(kMarginTop + kPanelHeight) + "\" x2=\"" + num(x) + "\" y2=\"" +
               num(kMarginTop + kPanelHeight + 5) + "\" stroke=\"#444\"/>\n";
        out += "<text x=\"" + num(x) + "\" y=\"" + num(kMarginTop + kPanelHeight + 18) +
               "\" text-anchor=\"middle\">" + figure(t) + "</text>\n";
    }
    for (int i = 0; i <= 4; ++i) {
        const double v = p.y.lo + (p.y.hi - p.y.lo) * i / 4;
        const double y = p.py(v);
        out += "<line x1=\"" + num(p.left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(p.left + kPanelWidth) + "\" y2=\"" +
               num(y) + "\" stroke=\"#ddd\"/>\n";
        out += "<text x=\"" + num(p.left - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" + num(v, 3) +
               "</text>\n";
    }
    out += "<text x=\"" + num(p.left + kPanelWidth / 2) + "\" y=\"" + num(kMarginTop + kPanelHeight + 40) +
           "\" text-anchor=\"middle\">" + escape(x_label) + "</text>\n";
}

void draw_series(std::string& out, const Panel& p, const PlotSeries& series, const char* color) {
    auto points = series.points;
    std::sort(points.begin(), points.end());
    std::string path;
    for (const auto& [x, y] : points) {
        if (!path.empty()) path += ' ';
        path += num(p.px(x));
        path += ',';
        path += num(p.py(y));
    }
    out += "<polyline class=\"series\" data-series=\"" + escape(series.name) + "\" points=\"" + path +
           "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"/>\n";
    for (const auto& [x, y] : points) {
        out += "<circle class=\"point\" data-series=\"" + escape(series.name) + "\" data-x=\"" + figure(x) +
               "\" data-ndcg=\"" + figure(y) + "\" cx=\"" + num(p.px(x)) + "\" cy=\"" + num(p.py(y)) +
               "\" r=\"3.5\" fill=\"" + color + "\"><title>" + escape(series.name) + " " + figure(x) +
               ": nDCG@10 " + num(y, 4) + "</title></circle>\n";
    }
}

void draw_reference(std::string& out, const Panel& p, const std::string& name, double ndcg, const char* color) {
    const double y = p.py(ndcg);
    out += "<line class=\"reference\" data-series=\"" + name + "\" data-ndcg=\"" + figure(ndcg) + "\" x1=\"" +
           num(p.left) + "\" y1=\"" + num(y) + "\" x2=\"" + num(p.left + kPanelWidth) + "\" y2=\"" + num(y) +
           "\" stroke=\"" + color + "\" stroke-dasharray=\"6,4\"/>\n";
    out += "<text x=\"" + num(p.left + 4) + "\" y=\"" + num(y - 4) + "\" fill=\"" +
           color + "\">" + name + " " + num(ndcg, 4) + "</text>\n";
}

}  // namespace

std::string grid_plot_svg(const GridPlot& plot) {
    // One y axis for both panels, around every figure drawn.
    double lo = 1, hi = 0;
    const auto widen = [&](double v) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    };
    for (const auto* group : {&plot.linear, &plot.rrf})
        for (const auto& series : *group)
            for (const auto& point : series.points) widen(point.second);
    if (plot.lexical_ndcg) widen(*plot.lexical_ndcg);
    if (plot.dense_ndcg) widen(*plot.dense_ndcg);
    if (lo > hi) lo = 0, hi = 1;
    const double pad = std::max(0.01, (hi - lo) * 0.08);
    lo = std::max(0.0, std::floor((lo - pad) * 100) / 100);
    hi = std::min(1.0, std::ceil((hi + pad) * 100) / 100);
    if (hi <= lo) hi = lo + 0.01;

    double k_lo = 1, k_hi = 200;
    for (const auto& series : plot.rrf)
        for (const auto& point : series.points) k_lo = std::min(k_lo, point.first), k_hi = std::max(k_hi, point.first);
    const Panel linear{kMarginLeft, {0, 1, false}, {lo, hi, false}};
    const Panel rrf{kMarginLeft + kPanelWidth + kGap, {k_lo, k_hi, true}, {lo, hi, false}};

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth, 0) + "\" height=\"" + num(kHeight, 0) +
           "\" viewBox=\"0 0 " + num(kWidth, 0) + " " + num(kHeight, 0) +
           "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    out += "<title>nDCG@10 against fusion parameters" + (plot.title.empty() ? "" : ": " + escape(plot.title)) + "</title>\n";
    out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    out += "<text x=\"" + num(kMarginLeft) + "\" y=\"24\" font-size=\"15\">nDCG@10" +
           (plot.title.empty() ? "" : " — " + escape(plot.title)) + "</text>\n";
    out += "<text x=\"" + num(linear.left + kPanelWidth / 2) + "\" y=\"" + num(kMarginTop - 8) +
           "\" text-anchor=\"middle\">linear fusion</text>\n";
    out += "<text x=\"" + num(rrf.left + kPanelWidth / 2) + "\" y=\"" + num(kMarginTop - 8) +
           "\" text-anchor=\"middle\">reciprocal rank fusion</text>\n";
    draw_frame(out, linear, "alpha (weight of the lexical side)", {0, 0.2, 0.4, 0.6, 0.8, 1});
    std::vector<double> k_ticks;
    for (const double t : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0})
        if (t >= k_lo && t <= k_hi) k_ticks.push_back(t);
    draw_frame(out, rrf, "k (log scale)", k_ticks);
    for (const Panel* panel : {&linear, &rrf}) {
        if (plot.lexical_ndcg) draw_reference(out, *panel, "lexical", *plot.lexical_ndcg, "#7f7f7f");
        if (plot.dense_ndcg) draw_reference(out, *panel, "dense", *plot.dense_ndcg, "#bcbd22");
    }
    std::size_t color = 0;
    double legend_y = kMarginTop + 10;
    const double legend_x = rrf.left + kPanelWidth + 20;
    const auto legend = [&](const std::string& name, const char* c) {
        out += "<rect x=\"" + num(legend_x) + "\" y=\"" + num(legend_y - 9) + "\" width=\"12\" height=\"12\" fill=\"" + c +
               "\"/>\n<text x=\"" + num(legend_x + 18) + "\" y=\"" + num(legend_y + 1) + "\">" + escape(name) + "</text>\n";
        legend_y += 20;
    };
    for (const auto& series : plot.linear) {
        const char* c = kColors[color++ % std::size(kColors)];
        draw_series(out, linear, series, c);
        legend(series.name, c);
    }
    for (const auto& series : plot.rrf) {
        const char* c = kColors[color++ % std::size(kColors)];
        draw_series(out, rrf, series, c);
        legend(series.name, c);
    }
    out += "</svg>\n";
    return out;
}

}  // namespace braid::eval
