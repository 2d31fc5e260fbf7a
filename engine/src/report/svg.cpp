#include "report/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "formats/format.h"

namespace tradejobs {

namespace {

constexpr double kWidth = 760;       // chart width in user units
constexpr double kLabelWidth = 300;  // label column of row charts
constexpr double kRowHeight = 22;    // one bar row
constexpr size_t kLabelChars = 37;   // longest label before shortening (fits kLabelWidth at 13 px)

/// A coordinate or size for an attribute: two decimals, trailing zeros dropped.
std::string num(double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string attr(const char* name, const std::string& value) { return std::string(" ") + name + "=\"" + value + "\""; }

std::string tooltip_element(const std::string& tooltip) {
  return tooltip.empty() ? "" : "<title>" + escape_xml(tooltip) + "</title>";
}

/// Width of text in user units at a font size, estimated (no font metrics without a browser):
/// 0.55 em per character is generous for the sans-serif fonts the page asks for.
double text_width(const std::string& text, double size) {
  size_t chars = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++chars;
  return 0.55 * size * static_cast<double>(chars);
}

enum class Swatch { box, line, dashed_line, tick, dot };

struct LegendItem {
  Swatch swatch;
  std::string colour;
  std::string name;
};

/// Legend in one row starting at (x, y) (y is the text baseline).
void legend(SvgCanvas& svg, double x, double y, const std::vector<LegendItem>& items) {
  for (const auto& item : items) {
    switch (item.swatch) {
      case Swatch::box:
        svg.rect(x, y - 10, 14, 10, item.colour);
        break;
      case Swatch::line:
        svg.line(x, y - 5, x + 14, y - 5, item.colour, 2.5);
        break;
      case Swatch::dashed_line:
        svg.line(x, y - 5, x + 14, y - 5, item.colour, 2, "4 3");
        break;
      case Swatch::tick:
        svg.line(x + 7, y - 12, x + 7, y + 2, item.colour, 2.5);
        break;
      case Swatch::dot:
        svg.circle(x + 7, y - 5, 4, item.colour);
        break;
    }
    TextStyle style;
    style.size = 12;
    svg.text(x + 19, y, item.name, style);
    x += 19 + text_width(item.name, 12) + 18;
  }
}

TextStyle label_style(const char* anchor = "end") {
  TextStyle s;
  s.anchor = anchor;
  s.size = 12;
  s.baseline = "middle";
  return s;
}

/// A row label right-aligned before the plot; shortened labels keep the full text as a tooltip.
void row_label(SvgCanvas& svg, double x, double y, const std::string& label) {
  const std::string short_label = shorten(label, kLabelChars);
  svg.text(x, y, short_label, label_style(), short_label == label ? "" : label);
}

std::string signed_value(double v, int decimals) {
  const std::string s = format_grouped(v, decimals);
  return (v > 0 && s != "0" && s.find_first_not_of("0.,") != std::string::npos) ? "+" + s : s;
}

void require_finite(double v, const char* what) {
  if (!std::isfinite(v)) throw std::invalid_argument(std::string(what) + " must be finite");
}

}  // namespace

std::string escape_xml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (c < 0x20 && ch != '\t' && ch != '\n')
          out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 forbids these characters
        else
          out += ch;
    }
  }
  return out;
}

std::string shorten(const std::string& text, size_t max_chars) {
  std::vector<size_t> starts;  // byte offset of each UTF-8 character
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  if (starts.size() <= max_chars) return text;
  if (max_chars == 0) return "";
  std::string cut = text.substr(0, starts[max_chars - 1]);
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();
  return cut + "\xE2\x80\xA6";
}

Ticks nice_ticks(double lo, double hi, int target_count) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) throw std::invalid_argument("nice_ticks: bounds must be finite");
  if (target_count < 1) throw std::invalid_argument("nice_ticks: target_count must be >= 1");
  if (lo > hi) std::swap(lo, hi);
  if (lo == hi) {
    if (lo == 0) {
      hi = 1;
    } else {
      const double d = std::fabs(lo) * 0.1;
      lo -= d;
      hi += d;
    }
  }
  const double raw = (hi - lo) / target_count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  double multiple = 10;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m >= fraction * (1 - 1e-9)) {
      multiple = m;
      break;
    }
  }
  Ticks t;
  t.step = multiple * magnitude;
  t.min = std::floor(lo / t.step + 1e-9) * t.step;
  t.max = std::ceil(hi / t.step - 1e-9) * t.step;
  const long n = std::lround((t.max - t.min) / t.step);
  const long first = std::lround(t.min / t.step);
  for (long i = 0; i <= n; ++i) {
    double v = static_cast<double>(first + i) * t.step;
    if (std::fabs(v) < t.step * 1e-9) v = 0;
    t.values.push_back(v);
  }
  t.min = t.values.front();
  t.max = t.values.back();
  return t;
}

double LinearScale::operator()(double value) const {
  if (domain_max == domain_min) return (range_min + range_max) / 2;
  return range_min + (value - domain_min) / (domain_max - domain_min) * (range_max - range_min);
}

double BandScale::bandwidth() const {
  const double slot = (range_max - range_min) / static_cast<double>(std::max<size_t>(count, 1));
  return slot * (1 - padding);
}

double BandScale::start(size_t i) const {
  const double slot = (range_max - range_min) / static_cast<double>(std::max<size_t>(count, 1));
  return range_min + static_cast<double>(i) * slot + slot * padding / 2;
}

double BandScale::center(size_t i) const { return start(i) + bandwidth() / 2; }

SvgCanvas::SvgCanvas(double width, double height, const std::string& title, const std::string& description)
    : width_(width), height_(height), title_(title), description_(description) {}

void SvgCanvas::rect(double x, double y, double width, double height, const std::string& fill,
                     const std::string& tooltip, double opacity) {
  if (width < 0) {
    x += width;
    width = -width;
  }
  if (height < 0) {
    y += height;
    height = -height;
  }
  body_ += "<rect" + attr("x", num(x)) + attr("y", num(y)) + attr("width", num(width)) + attr("height", num(height)) +
           attr("fill", escape_xml(fill)) + (opacity < 1 ? attr("fill-opacity", num(opacity)) : "");
  body_ += tooltip.empty() ? "/>" : ">" + tooltip_element(tooltip) + "</rect>";
}

void SvgCanvas::line(double x1, double y1, double x2, double y2, const std::string& stroke, double stroke_width,
                     const std::string& dash) {
  body_ += "<line" + attr("x1", num(x1)) + attr("y1", num(y1)) + attr("x2", num(x2)) + attr("y2", num(y2)) +
           attr("stroke", escape_xml(stroke)) + attr("stroke-width", num(stroke_width)) +
           (dash.empty() ? "" : attr("stroke-dasharray", escape_xml(dash))) + "/>";
}

void SvgCanvas::polyline(const std::vector<double>& xs, const std::vector<double>& ys, const std::string& stroke,
                         double stroke_width, const std::string& dash) {
  if (xs.size() != ys.size()) throw std::invalid_argument("SvgCanvas::polyline: xs and ys differ in length");
  std::string points;
  for (size_t i = 0; i < xs.size(); ++i) points += (i ? " " : "") + num(xs[i]) + "," + num(ys[i]);
  body_ += "<polyline" + attr("points", points) + attr("fill", "none") + attr("stroke", escape_xml(stroke)) +
           attr("stroke-width", num(stroke_width)) + attr("stroke-linejoin", "round") +
           (dash.empty() ? "" : attr("stroke-dasharray", escape_xml(dash))) + "/>";
}

void SvgCanvas::band(const std::vector<double>& xs, const std::vector<double>& lower, const std::vector<double>& upper,
                     const std::string& fill, double opacity) {
  if (xs.size() != lower.size() || xs.size() != upper.size())
    throw std::invalid_argument("SvgCanvas::band: xs, lower and upper differ in length");
  std::string points;
  for (size_t i = 0; i < xs.size(); ++i) points += (i ? " " : "") + num(xs[i]) + "," + num(upper[i]);
  for (size_t i = xs.size(); i-- > 0;) points += " " + num(xs[i]) + "," + num(lower[i]);
  body_ += "<polygon" + attr("points", points) + attr("fill", escape_xml(fill)) + attr("fill-opacity", num(opacity)) +
           attr("stroke", "none") + "/>";
}

void SvgCanvas::circle(double cx, double cy, double radius, const std::string& fill, const std::string& tooltip) {
  body_ +=
      "<circle" + attr("cx", num(cx)) + attr("cy", num(cy)) + attr("r", num(radius)) + attr("fill", escape_xml(fill));
  body_ += tooltip.empty() ? "/>" : ">" + tooltip_element(tooltip) + "</circle>";
}

void SvgCanvas::text(double x, double y, const std::string& content, const TextStyle& style,
                     const std::string& tooltip) {
  body_ += "<text" + attr("x", num(x)) + attr("y", num(y)) + attr("font-size", num(style.size)) +
           attr("fill", escape_xml(style.fill));
  if (style.anchor != "start") body_ += attr("text-anchor", escape_xml(style.anchor));
  if (style.bold) body_ += attr("font-weight", "bold");
  if (!style.baseline.empty()) body_ += attr("dominant-baseline", escape_xml(style.baseline));
  if (style.rotate != 0) body_ += attr("transform", "rotate(" + num(style.rotate) + " " + num(x) + " " + num(y) + ")");
  body_ += ">" + tooltip_element(tooltip) + escape_xml(content) + "</text>";
}

std::string SvgCanvas::str() const {
  // Inline SVG in HTML needs no xmlns (the HTML parser puts <svg> in the SVG namespace),
  // and leaving it out keeps the page free of any URL.
  return "<svg" + attr("viewBox", "0 0 " + num(width_) + " " + num(height_)) + attr("width", num(width_)) +
         attr("height", num(height_)) + attr("role", "img") + attr("class", "chart") +
         " preserveAspectRatio=\"xMinYMin meet\"><title>" + escape_xml(title_) + "</title><desc>" +
         escape_xml(description_) + "</desc>" + body_ + "</svg>";
}

void draw_x_axis(SvgCanvas& svg, const LinearScale& x, const Ticks& ticks, double y, double grid_top,
                 const std::string& title) {
  TextStyle tick_style;
  tick_style.anchor = "middle";
  tick_style.size = 11;
  tick_style.fill = palette::muted;
  for (double v : ticks.values) {
    const double px = x(v);
    if (grid_top < y) svg.line(px, grid_top, px, y, v == 0 ? palette::muted : palette::grid, 1);
    svg.line(px, y, px, y + 4, palette::muted, 1);
    svg.text(px, y + 16, format_tick(v, ticks.step), tick_style);
  }
  svg.line(std::min(x.range_min, x.range_max), y, std::max(x.range_min, x.range_max), y, palette::muted, 1);
  TextStyle title_style;
  title_style.anchor = "middle";
  svg.text((x.range_min + x.range_max) / 2, y + 34, title, title_style);
}

void draw_y_axis(SvgCanvas& svg, const LinearScale& y, const Ticks& ticks, double x, double grid_right,
                 const std::string& title) {
  TextStyle tick_style;
  tick_style.anchor = "end";
  tick_style.size = 11;
  tick_style.fill = palette::muted;
  tick_style.baseline = "middle";
  for (double v : ticks.values) {
    const double py = y(v);
    if (grid_right > x) svg.line(x, py, grid_right, py, v == 0 ? palette::muted : palette::grid, 1);
    svg.line(x - 4, py, x, py, palette::muted, 1);
    svg.text(x - 7, py, format_tick(v, ticks.step), tick_style);
  }
  svg.line(x, std::min(y.range_min, y.range_max), x, std::max(y.range_min, y.range_max), palette::muted, 1);
  TextStyle title_style;
  title_style.anchor = "middle";
  title_style.rotate = -90;
  const double cy = (y.range_min + y.range_max) / 2;
  svg.text(x - 58, cy, title, title_style);
}

// ---------------------------------------------------------------------------------------

std::string diverging_bar_chart(const DivergingBarChart& chart) {
  double most_gain = 0, most_loss = 0;
  size_t rows = 0;
  std::string section;
  for (const auto& b : chart.bars) {
    require_finite(b.gain, "DivergingBar::gain");
    require_finite(b.loss, "DivergingBar::loss");
    if (b.gain < 0 || b.loss < 0) throw std::invalid_argument("DivergingBar: gain and loss must be >= 0");
    most_gain = std::max(most_gain, b.gain);
    most_loss = std::max(most_loss, b.loss);
    if (!b.section.empty() && b.section != section) ++rows;
    section = b.section;
    ++rows;
  }
  const Ticks ticks = nice_ticks(-most_loss, most_gain, 6);
  const double top = 34;
  const double plot_left = kLabelWidth, plot_right = kWidth - 80;
  const double axis_y = top + static_cast<double>(rows) * kRowHeight + 6;
  SvgCanvas svg(
      kWidth, axis_y + 44, chart.title,
      chart.gain_name + " to the right of zero, " + chart.loss_name + " to the left; the dark tick is the net change.");
  legend(svg, plot_left, 16,
         {{Swatch::box, palette::gain, chart.gain_name},
          {Swatch::box, palette::loss, chart.loss_name},
          {Swatch::tick, palette::ink, "Net change"}});
  const LinearScale x{ticks.min, ticks.max, plot_left, plot_right};
  draw_x_axis(svg, x, ticks, axis_y, top - 4, chart.axis_title);
  double y = top;
  section.clear();
  const double bar = kRowHeight * 0.68;
  for (const auto& b : chart.bars) {
    if (!b.section.empty() && b.section != section) {
      TextStyle heading = label_style("start");
      heading.bold = true;
      svg.text(8, y + kRowHeight / 2, b.section, heading);
      y += kRowHeight;
    }
    section = b.section;
    const double cy = y + kRowHeight / 2;
    row_label(svg, plot_left - 8, cy, b.label);
    const double net = b.gain - b.loss;
    if (b.gain > 0)
      svg.rect(x(0), cy - bar / 2, x(b.gain) - x(0), bar, palette::gain,
               b.label + ": " + format_count(b.gain) + " " + chart.gain_name);
    if (b.loss > 0)
      svg.rect(x(-b.loss), cy - bar / 2, x(0) - x(-b.loss), bar, palette::loss,
               b.label + ": " + format_count(b.loss) + " " + chart.loss_name);
    svg.line(x(net), cy - bar / 2 - 2, x(net), cy + bar / 2 + 2, palette::ink, 2.5);
    TextStyle value = label_style("start");
    value.bold = true;
    svg.text(plot_right + 8, cy, signed_value(net, 0), value);
    y += kRowHeight;
  }
  svg.line(x(0), top - 4, x(0), axis_y, palette::ink, 1);
  return svg.str();
}

std::string grouped_bar_chart(const GroupedBarChart& chart) {
  if (chart.series.empty()) throw std::invalid_argument("grouped_bar_chart: no series");
  double most = 0;
  size_t headings = 0;
  std::string section;
  for (const auto& r : chart.rows) {
    if (r.values.size() != chart.series.size())
      throw std::invalid_argument("grouped_bar_chart: row '" + r.label + "' has " + std::to_string(r.values.size()) +
                                  " values for " + std::to_string(chart.series.size()) + " series");
    for (double v : r.values) {
      if (std::isnan(v)) continue;
      require_finite(v, "GroupedBarRow value");
      if (v < 0) throw std::invalid_argument("grouped_bar_chart: values must be >= 0");
      most = std::max(most, v);
    }
    if (!r.section.empty() && r.section != section) ++headings;
    section = r.section;
  }
  const double bar = 9, gap = 1.5, pad = 7;
  const double row_height = static_cast<double>(chart.series.size()) * (bar + gap) + pad;
  const Ticks ticks = nice_ticks(0, most > 0 ? most : 1, 5);
  const double top = 34;
  const double plot_left = kLabelWidth, plot_right = kWidth - 70;
  const double axis_y =
      top + static_cast<double>(headings) * kRowHeight + static_cast<double>(chart.rows.size()) * row_height + 4;
  std::string names;
  for (const auto& s : chart.series) names += (names.empty() ? "" : ", ") + s.name;
  SvgCanvas svg(kWidth, axis_y + 44, chart.title, "For each row, one bar per series, top to bottom: " + names + ".");
  std::vector<LegendItem> items;
  for (const auto& s : chart.series) items.push_back({Swatch::box, s.colour, s.name});
  legend(svg, plot_left, 16, items);
  const LinearScale x{ticks.min, ticks.max, plot_left, plot_right};
  draw_x_axis(svg, x, ticks, axis_y, top - 4, chart.axis_title);
  double y = top;
  section.clear();
  for (const auto& r : chart.rows) {
    if (!r.section.empty() && r.section != section) {
      TextStyle heading = label_style("start");
      heading.bold = true;
      svg.text(8, y + kRowHeight / 2, r.section, heading);
      y += kRowHeight;
    }
    section = r.section;
    row_label(svg, plot_left - 8, y + (row_height - pad) / 2, r.label);
    for (size_t k = 0; k < chart.series.size(); ++k) {
      const double by = y + static_cast<double>(k) * (bar + gap);
      const double v = r.values[k];
      TextStyle value = label_style("start");
      value.size = 10;
      if (std::isnan(v)) {
        value.fill = palette::muted;
        svg.text(x(0) + 4, by + bar / 2, "unknown", value);
        continue;
      }
      const std::string text = format_grouped(v, chart.decimals) + chart.value_suffix;
      svg.rect(x(0), by, x(v) - x(0), bar, chart.series[k].colour, r.label + ", " + chart.series[k].name + ": " + text);
      svg.text(x(v) + 4, by + bar / 2, text, value);
    }
    y += row_height;
  }
  svg.line(x(0), top - 4, x(0), axis_y, palette::ink, 1);
  return svg.str();
}

std::string line_chart(const LineChart& chart) {
  if (chart.x.empty()) throw std::invalid_argument("line_chart: no x values");
  double lo = 0, hi = 0;
  for (const auto& s : chart.series) {
    if (s.values.size() != chart.x.size())
      throw std::invalid_argument("line_chart: series '" + s.name + "' length differs from x");
    for (double v : s.values) {
      require_finite(v, "line_chart value");
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  for (double v : chart.x) require_finite(v, "line_chart x");
  const double left = 84, right = kWidth - 24, top = 40, bottom = 300 - 50;
  SvgCanvas svg(kWidth, 300, chart.title, chart.y_title + " by " + chart.x_title);
  std::vector<LegendItem> items;
  for (const auto& s : chart.series)
    items.push_back({s.dash.empty() ? Swatch::line : Swatch::dashed_line, s.colour, s.name});
  legend(svg, left, 16, items);
  const Ticks yt = nice_ticks(lo, hi, 5);
  const int x_intervals = static_cast<int>(std::min<size_t>(10, std::max<size_t>(1, chart.x.size() - 1)));
  const Ticks xt = nice_ticks(chart.x.front(), chart.x.back(), x_intervals);
  const LinearScale x{xt.min, xt.max, left, right};
  const LinearScale y{yt.min, yt.max, bottom, top};
  draw_y_axis(svg, y, yt, left, right, chart.y_title);
  draw_x_axis(svg, x, xt, bottom, bottom, chart.x_title);
  for (const auto& s : chart.series) {
    std::vector<double> xs, ys;
    for (size_t i = 0; i < chart.x.size(); ++i) {
      xs.push_back(x(chart.x[i]));
      ys.push_back(y(s.values[i]));
    }
    svg.polyline(xs, ys, s.colour, 2.5, s.dash);
    for (size_t i = 0; i < xs.size(); ++i)
      svg.circle(xs[i], ys[i], 3.5, s.colour,
                 s.name + ", " + format_tick(chart.x[i], 1) + ": " +
                     format_grouped(s.values[i], std::fabs(s.values[i]) < 100 ? 1 : 0));
  }
  return svg.str();
}

std::string histogram_chart(const HistogramChart& chart) {
  if (chart.edges.size() != chart.counts.size() + 1 || chart.counts.empty())
    throw std::invalid_argument("histogram_chart: need bins + 1 edges and at least one bin");
  double most = 0;
  for (double c : chart.counts) most = std::max(most, c);
  const double left = 84, right = kWidth - 24, top = 46, bottom = 300 - 50;
  SvgCanvas svg(kWidth, 300, chart.title, "Histogram of " + chart.x_title);
  const Ticks xt = nice_ticks(chart.edges.front(), chart.edges.back(), 6);
  const Ticks yt = nice_ticks(0, most, 4);
  const LinearScale x{xt.min, xt.max, left, right};
  const LinearScale y{yt.min, yt.max, bottom, top};
  draw_y_axis(svg, y, yt, left, right, chart.y_title);
  for (size_t i = 0; i < chart.counts.size(); ++i) {
    const double x0 = x(chart.edges[i]), x1 = x(chart.edges[i + 1]);
    const double gap = (x1 - x0) > 4 ? 1 : 0;
    svg.rect(x0 + gap / 2, y(chart.counts[i]), x1 - x0 - gap, y(0) - y(chart.counts[i]), palette::sky_blue,
             format_grouped(chart.edges[i], 0) + " to " + format_grouped(chart.edges[i + 1], 0) + ": " +
                 format_count(chart.counts[i]) + " " + chart.y_title);
  }
  draw_x_axis(svg, x, xt, bottom, bottom, chart.x_title);
  for (size_t m = 0; m < chart.markers.size(); ++m) {
    const double px = x(chart.markers[m].second);
    svg.line(px, top - 6, px, bottom, palette::ink, 1.5, "5 3");
    TextStyle style;
    style.anchor = "middle";
    style.size = 11;
    svg.text(px, top - 10 - static_cast<double>(m % 2) * 13, chart.markers[m].first, style);
  }
  return svg.str();
}

std::string interval_chart(const IntervalChart& chart) {
  double lo = 0, hi = 0;
  for (const auto& r : chart.rows) {
    for (double v : {r.low, r.middle, r.high}) require_finite(v, "IntervalRow value");
    lo = std::min({lo, r.low, r.middle});
    hi = std::max({hi, r.high, r.middle});
  }
  const Ticks ticks = nice_ticks(lo, hi, 6);
  const double top = 34, plot_left = kLabelWidth, plot_right = kWidth - 80;
  const double axis_y = top + static_cast<double>(chart.rows.size()) * kRowHeight + 6;
  SvgCanvas svg(kWidth, axis_y + 44, chart.title,
                "For each row a bar over the " + chart.range_name + " and a dot at the " + chart.middle_name);
  legend(svg, plot_left, 16,
         {{Swatch::box, palette::sky_blue, chart.range_name}, {Swatch::dot, palette::ink, chart.middle_name}});
  const LinearScale x{ticks.min, ticks.max, plot_left, plot_right};
  draw_x_axis(svg, x, ticks, axis_y, top - 4, chart.axis_title);
  double y = top;
  for (const auto& r : chart.rows) {
    const double cy = y + kRowHeight / 2;
    row_label(svg, plot_left - 8, cy, r.label);
    const std::string tip = r.label + ": " + format_grouped(r.low, 0) + " to " + format_grouped(r.high, 0) + ", " +
                            chart.middle_name + " " + format_grouped(r.middle, 0);
    svg.rect(x(r.low), cy - 6, std::max(1.0, x(r.high) - x(r.low)), 12, palette::sky_blue, tip);
    svg.circle(x(r.middle), cy, 4.5, palette::ink, tip);
    TextStyle value = label_style("start");
    svg.text(plot_right + 8, cy, signed_value(r.middle, 0), value);
    y += kRowHeight;
  }
  svg.line(x(0), top - 4, x(0), axis_y, palette::ink, 1);
  return svg.str();
}

std::string tornado_chart(const TornadoChart& chart) {
  require_finite(chart.reference, "TornadoChart::reference");
  double lo = chart.reference, hi = chart.reference;
  for (const auto& r : chart.rows) {
    require_finite(r.when_low, "TornadoRow::when_low");
    require_finite(r.when_high, "TornadoRow::when_high");
    lo = std::min({lo, r.when_low, r.when_high});
    hi = std::max({hi, r.when_low, r.when_high});
  }
  const Ticks ticks = nice_ticks(lo, hi, 5);
  const double top = 34, plot_left = kLabelWidth, plot_right = kWidth - 110;
  const double row = kRowHeight * 1.5;
  const double axis_y = top + static_cast<double>(chart.rows.size()) * row + 6;
  SvgCanvas svg(kWidth, axis_y + 44, chart.title,
                "For each varied input, bars from the " + chart.reference_name +
                    " to the outcome when the input is low and high.");
  legend(svg, plot_left - 120, 16,
         {{Swatch::box, palette::orange, chart.low_name},
          {Swatch::box, palette::gain, chart.high_name},
          {Swatch::dashed_line, palette::ink, chart.reference_name}});
  const LinearScale x{ticks.min, ticks.max, plot_left, plot_right};
  draw_x_axis(svg, x, ticks, axis_y, top - 4, chart.axis_title);
  double y = top;
  for (const auto& r : chart.rows) {
    const double cy = y + row / 2;
    row_label(svg, plot_left - 8, cy, r.label);
    const double ref = x(chart.reference);
    svg.rect(ref, cy - 11, x(r.when_low) - ref, 10, palette::orange,
             r.label + " low: " + format_grouped(r.when_low, 0));
    svg.rect(ref, cy + 1, x(r.when_high) - ref, 10, palette::gain,
             r.label + " high: " + format_grouped(r.when_high, 0));
    svg.text(plot_right + 8, cy, r.note, label_style("start"));
    y += row;
  }
  svg.line(x(chart.reference), top - 4, x(chart.reference), axis_y, palette::ink, 1.5, "5 3");
  return svg.str();
}

}  // namespace tradejobs
