#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace braid::eval {

// One line of the plot: (x, nDCG@10) points.
struct PlotSeries {
    std::string name;  // "linear minmax", "rrf"
    std::vector<std::pair<double, double>> points;
};

// What `braid eval --grid --plot` draws: nDCG@10 against linear fusion's alpha (one line per
// normalization) and against RRF's k (a log axis), with the one-sided runs as reference lines.
struct GridPlot {
    std::string title;                   // e.g. the collection's name
    std::vector<PlotSeries> linear;      // x = alpha
    std::vector<PlotSeries> rrf;         // x = k
    std::optional<double> lexical_ndcg;  // drawn as a dashed reference on both panels
    std::optional<double> dense_ndcg;
};

// A standalone SVG document (no script, no outside resource). Each point is a <circle
// class="point"> carrying data-series, data-x and data-ndcg, so tools and tests can read the
// figures back; each reference line is a <line class="reference" data-series=… data-ndcg=…>.
std::string grid_plot_svg(const GridPlot& plot);

}  // namespace braid::eval
