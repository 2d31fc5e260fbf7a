#pragma once
/// \file svg.h
/// A small SVG writer for the report (docs/model.md §8): no chart library, no scripts, no
/// external resources. Three layers, each usable alone:
///   1. text escaping, nice ticks and scales (pure functions);
///   2. SvgCanvas, which writes shapes and escaped text into one <svg> element;
///   3. the report's charts (diverging bars, lines, histogram, intervals, tornado), each a
///      function from a plain struct to an SVG string with axis titles and a legend.
/// Coordinates are SVG user units (the viewBox); the page scales the chart to its width.
/// Every string that may come from a user file (sector names, titles) is escaped here, so
/// callers pass plain text.
///
/// Example:
///   Ticks t = nice_ticks(0, 97);            // 0, 20, 40, 60, 80, 100
///   LinearScale x{t.min, t.max, 60, 700};   // data -> pixels
///   SvgCanvas svg(760, 300, "Jobs by sector", "Bars of jobs gained and lost");
///   svg.rect(x(0), 40, x(42) - x(0), 18, palette::gain);
///   std::string markup = svg.str();

#include <cstddef>
#include <string>
#include <vector>

namespace tradejobs {

/// Okabe–Ito colours (Okabe and Ito 2008), distinguishable under the common colour-vision
/// deficiencies; the report never relies on red versus green.
namespace palette {
inline constexpr const char* gain = "#0072B2";      ///< Blue: jobs gained, increases.
inline constexpr const char* loss = "#D55E00";      ///< Vermillion: jobs lost, decreases.
inline constexpr const char* orange = "#E69F00";    ///< Orange: second series, high input.
inline constexpr const char* sky_blue = "#56B4E9";  ///< Sky blue: bands, low input.
inline constexpr const char* green = "#009E73";     ///< Bluish green: third series.
inline constexpr const char* purple = "#CC79A7";    ///< Reddish purple: fourth series.
inline constexpr const char* ink = "#1a1a1a";       ///< Text and net markers.
inline constexpr const char* grid = "#d9d9d9";      ///< Grid lines.
inline constexpr const char* muted = "#595959";     ///< Axis labels (7:1 contrast on white).
}  // namespace palette

/// Escapes text for XML/HTML element content and attribute values: & < > " ' become
/// entities. Bytes of UTF-8 pass through; control characters other than tab and newline
/// (invalid in XML 1.0) become U+FFFD.
std::string escape_xml(const std::string& text);

/// Shortens text to at most `max_chars` characters (UTF-8 aware), ending with "…" when cut.
std::string shorten(const std::string& text, size_t max_chars);

/// Round tick values covering a data interval.
struct Ticks {
  double min = 0;              ///< First tick, at or below the data minimum.
  double max = 1;              ///< Last tick, at or above the data maximum.
  double step = 1;             ///< Spacing: 1, 2, 2.5 or 5 times a power of ten.
  std::vector<double> values;  ///< min, min + step, ..., max.
};

/// Ticks at 1, 2, 2.5 or 5 × 10^k covering [lo, hi] with about `target_count` intervals
/// (Heckbert's "nice numbers"): [0, 97] -> 0, 20, ..., 100; [-1234, 5678] -> −2,000,
/// 0, ..., 6,000. lo > hi are swapped; lo == hi is widened to a unit interval around it.
/// std::invalid_argument for non-finite bounds or target_count < 1.
Ticks nice_ticks(double lo, double hi, int target_count = 5);

/// Linear map from data values to pixels; the range may run backwards (y grows down).
struct LinearScale {
  double domain_min = 0;  ///< Data value mapped to range_min.
  double domain_max = 1;  ///< Data value mapped to range_max.
  double range_min = 0;   ///< Pixel position of domain_min.
  double range_max = 1;   ///< Pixel position of domain_max.
  /// Pixel position of a data value (the domain mid-point when the domain is empty).
  double operator()(double value) const;
};

/// `count` equal bands with padding between them, across a pixel range (for bar rows).
struct BandScale {
  size_t count = 1;       ///< Number of bands.
  double range_min = 0;   ///< Pixel position where the first band starts.
  double range_max = 1;   ///< Pixel position where the last band ends.
  double padding = 0.25;  ///< Share of each band's slot left empty, in [0, 1).
  /// Width of one band in pixels.
  double bandwidth() const;
  /// Pixel position where band i starts.
  double start(size_t i) const;
  /// Pixel position of the middle of band i.
  double center(size_t i) const;
};

/// How a text element is drawn.
struct TextStyle {
  std::string anchor = "start";     ///< SVG text-anchor: start, middle or end.
  double size = 12;                 ///< Font size in user units.
  bool bold = false;                ///< Bold weight.
  std::string fill = palette::ink;  ///< Colour.
  double rotate = 0;                ///< Rotation in degrees around (x, y).
  std::string baseline = "";        ///< dominant-baseline ("middle", "hanging"), empty for alphabetic.
};

/// One <svg> element built shape by shape. Text and tooltips are escaped on the way in.
class SvgCanvas {
 public:
  /// A canvas of width × height user units with an accessible <title> and <desc>.
  SvgCanvas(double width, double height, const std::string& title, const std::string& description);
  /// Rectangle; a negative width or height is drawn from the other corner. `tooltip`
  /// becomes a <title> child (shown on hover), omitted when empty.
  void rect(double x, double y, double width, double height, const std::string& fill, const std::string& tooltip = "",
            double opacity = 1.0);
  /// Straight line; `dash` is an SVG stroke-dasharray such as "4 3", empty for solid.
  void line(double x1, double y1, double x2, double y2, const std::string& stroke, double stroke_width = 1,
            const std::string& dash = "");
  /// Open path through points (xs[i], ys[i]); xs and ys must have the same length.
  void polyline(const std::vector<double>& xs, const std::vector<double>& ys, const std::string& stroke,
                double stroke_width = 2, const std::string& dash = "");
  /// Filled band between two lines over the same xs (a fan or uncertainty band).
  void band(const std::vector<double>& xs, const std::vector<double>& lower, const std::vector<double>& upper,
            const std::string& fill, double opacity = 0.35);
  /// Circle marker.
  void circle(double cx, double cy, double radius, const std::string& fill, const std::string& tooltip = "");
  /// Text at (x, y), escaped; a non-empty `tooltip` becomes a <title> child.
  void text(double x, double y, const std::string& content, const TextStyle& style = {},
            const std::string& tooltip = "");
  /// The complete <svg> element (responsive: viewBox, no fixed pixel size).
  std::string str() const;
  /// Canvas width in user units.
  double width() const { return width_; }
  /// Canvas height in user units.
  double height() const { return height_; }

 private:
  double width_;
  double height_;
  std::string title_;
  std::string description_;
  std::string body_;
};

/// Draws a horizontal value axis along pixel row `y`: tick marks, labels (format_tick),
/// vertical grid lines up to `grid_top` (none when grid_top >= y) and `title` centred below.
void draw_x_axis(SvgCanvas& svg, const LinearScale& x, const Ticks& ticks, double y, double grid_top,
                 const std::string& title);
/// Draws a vertical value axis along pixel column `x`: labels left of it, horizontal grid
/// lines to `grid_right` (none when grid_right <= x) and `title` rotated along the axis.
void draw_y_axis(SvgCanvas& svg, const LinearScale& y, const Ticks& ticks, double x, double grid_right,
                 const std::string& title);

// ---------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------

/// One row of a diverging bar chart: gains drawn right of zero, losses left of it.
struct DivergingBar {
  std::string label;    ///< Row label (escaped when drawn; long labels are shortened).
  double gain = 0;      ///< Amount gained (≥ 0), e.g. jobs created, persons.
  double loss = 0;      ///< Amount lost (≥ 0), e.g. jobs destroyed, persons.
  std::string section;  ///< Rows with a new non-empty section get a heading row above them.
};

/// A diverging bar chart (jobs gained and lost by sector or group).
struct DivergingBarChart {
  std::string title;                 ///< Accessible title of the chart.
  std::string axis_title;            ///< Value axis title with unit, e.g. "Jobs (persons)".
  std::string gain_name = "Gained";  ///< Legend text of gains.
  std::string loss_name = "Lost";    ///< Legend text of losses.
  std::vector<DivergingBar> bars;    ///< Rows from top to bottom.
};

/// SVG of a diverging bar chart: a bar to the right for gains, to the left for losses, a
/// tick for the net change and its signed value at the end of each row.
std::string diverging_bar_chart(const DivergingBarChart& chart);

/// One row of a grouped bar chart: one bar per series, drawn one under the other.
struct GroupedBarRow {
  std::string label;           ///< Row label (escaped when drawn; long labels are shortened).
  std::vector<double> values;  ///< One value ≥ 0 per series; NaN draws no bar and the text "unknown".
  std::string section;         ///< Rows with a new non-empty section get a heading row above them.
};

/// One series of a grouped bar chart.
struct GroupedBarSeries {
  std::string name;    ///< Legend text.
  std::string colour;  ///< Fill (a palette colour).
};

/// A grouped horizontal bar chart, e.g. each group's share of employment, of the jobs
/// destroyed and of the jobs created, in percent.
struct GroupedBarChart {
  std::string title;                     ///< Accessible title.
  std::string axis_title;                ///< Value axis title with unit, e.g. "Share (%)".
  std::vector<GroupedBarSeries> series;  ///< The bars of each row, top to bottom.
  std::vector<GroupedBarRow> rows;       ///< Rows from top to bottom.
  std::string value_suffix;              ///< Text after each bar's value, e.g. "%".
  int decimals = 1;                      ///< Decimals of the values written at the bars.
};

/// Draws a grouped bar chart; std::invalid_argument for a row whose values do not match the
/// series or a negative or infinite value.
std::string grouped_bar_chart(const GroupedBarChart& chart);

/// One line of a line chart.
struct LineSeries {
  std::string name;                    ///< Legend text.
  std::vector<double> values;          ///< One value per x.
  std::string colour = palette::gain;  ///< Stroke colour.
  std::string dash;                    ///< stroke-dasharray, empty for solid.
};

/// A line chart over a shared x (years).
struct LineChart {
  std::string title;               ///< Accessible title.
  std::string x_title;             ///< x axis title with unit, e.g. "Year after the measure".
  std::string y_title;             ///< y axis title with unit.
  std::vector<double> x;           ///< x values, increasing.
  std::vector<LineSeries> series;  ///< Lines (each values.size() == x.size()).
};

/// SVG of a line chart with markers, a zero line when the values cross zero, and a legend.
std::string line_chart(const LineChart& chart);

/// A histogram of a sample.
struct HistogramChart {
  std::string title;                                    ///< Accessible title.
  std::string x_title;                                  ///< Value axis title with unit.
  std::string y_title = "Runs";                         ///< Count axis title.
  std::vector<double> edges;                            ///< Bin edges (bins + 1 values, increasing).
  std::vector<double> counts;                           ///< Count per bin.
  std::vector<std::pair<std::string, double>> markers;  ///< Labelled vertical lines (e.g. "median").
};

/// SVG of a histogram with labelled marker lines.
std::string histogram_chart(const HistogramChart& chart);

/// One row of an interval chart (a distribution summarised by percentiles).
struct IntervalRow {
  std::string label;  ///< Row label.
  double low = 0;     ///< Lower end, e.g. 5th percentile.
  double middle = 0;  ///< Centre marker, e.g. median.
  double high = 0;    ///< Upper end, e.g. 95th percentile.
};

/// Horizontal intervals per row (the per-sector spread over sweep runs).
struct IntervalChart {
  std::string title;                                  ///< Accessible title.
  std::string axis_title;                             ///< Value axis title with unit.
  std::string range_name = "5th to 95th percentile";  ///< Legend text of the bar.
  std::string middle_name = "Median";                 ///< Legend text of the marker.
  std::vector<IntervalRow> rows;                      ///< Rows from top to bottom.
};

/// SVG of an interval chart: a bar from low to high and a marker at the middle.
std::string interval_chart(const IntervalChart& chart);

/// One input of a tornado chart: the outcome when that input is low and when it is high.
struct TornadoRow {
  std::string label;     ///< The varied input, e.g. "parameters.armington".
  double when_low = 0;   ///< Outcome (e.g. mean jobs change) when the input is low.
  double when_high = 0;  ///< Outcome when the input is high.
  std::string note;      ///< Text right of the row, e.g. "ρ = −0.82".
};

/// A tornado chart: which inputs move the outcome most.
struct TornadoChart {
  std::string title;                                  ///< Accessible title.
  std::string axis_title;                             ///< Outcome axis title with unit.
  double reference = 0;                               ///< Centre line, e.g. the mean over all runs.
  std::string reference_name = "Mean over all runs";  ///< Legend text of the centre line.
  std::string low_name = "Input low";                 ///< Legend text of the low-input bar.
  std::string high_name = "Input high";               ///< Legend text of the high-input bar.
  std::vector<TornadoRow> rows;                       ///< Rows from top (largest swing) to bottom.
};

/// SVG of a tornado chart: for each row two bars from the reference to the outcome at the
/// low and at the high input.
std::string tornado_chart(const TornadoChart& chart);

}  // namespace tradejobs
