// ctest-labels: unit
// The SVG module (engine/svg.h): nice ticks, scales, escaping, shapes and charts.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>
#include <stdexcept>

#include "report/svg.h"

using namespace tradejobs;

namespace {
size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}
}  // namespace

TEST_CASE("nice_ticks for [0, 97] are 0, 20, ..., 100") {
  const Ticks t = nice_ticks(0, 97);
  CHECK(t.step == 20);
  CHECK(t.min == 0);
  CHECK(t.max == 100);
  CHECK(t.values == std::vector<double>{0, 20, 40, 60, 80, 100});
}

TEST_CASE("nice_ticks for [-1234, 5678] are -2000 to 6000 by 2000 and include zero") {
  const Ticks t = nice_ticks(-1234, 5678);
  CHECK(t.step == 2000);
  CHECK(t.values == std::vector<double>{-2000, 0, 2000, 4000, 6000});
}

TEST_CASE("nice_ticks steps are 1, 2, 2.5 or 5 times a power of ten") {
  CHECK(nice_ticks(0, 1).step == doctest::Approx(0.2));
  CHECK(nice_ticks(0, 12, 5).step == doctest::Approx(2.5));
  CHECK(nice_ticks(0, 10, 10).step == 1);
  CHECK(nice_ticks(0.001, 0.0042, 4).step == doctest::Approx(0.001));
  const Ticks big = nice_ticks(-3.2e6, 1.1e7, 6);
  CHECK(big.step == 2.5e6);
  CHECK(big.min == -5e6);
  CHECK(big.max == 1.25e7);
}

TEST_CASE("nice_ticks handles reversed, equal and invalid bounds") {
  CHECK(nice_ticks(97, 0).values == nice_ticks(0, 97).values);
  const Ticks zero = nice_ticks(0, 0);
  CHECK(zero.min == 0);
  CHECK(zero.max == 1);
  const Ticks five = nice_ticks(5, 5);
  CHECK(five.min <= 5);
  CHECK(five.max >= 5);
  CHECK(five.max > five.min);
  CHECK_THROWS_AS(nice_ticks(0, NAN), std::invalid_argument);
  CHECK_THROWS_AS(nice_ticks(0, INFINITY), std::invalid_argument);
  CHECK_THROWS_AS(nice_ticks(0, 1, 0), std::invalid_argument);
}

TEST_CASE("property: ticks cover the data with 2 to 13 evenly spaced round values") {
  for (double lo = -5000; lo < 5000; lo += 731.7) {
    for (double width = 0.37; width < 1e7; width *= 3.7) {
      const double hi = lo + width;
      const Ticks t = nice_ticks(lo, hi, 5);
      // Covers the data up to rounding of the last binary digit (a tick may equal lo or hi).
      CHECK(t.min <= lo + 1e-9 * t.step);
      CHECK(t.max >= hi - 1e-9 * t.step);
      CHECK(t.values.size() >= 2);
      CHECK(t.values.size() <= 13);
      for (size_t i = 1; i < t.values.size(); ++i) CHECK(t.values[i] - t.values[i - 1] == doctest::Approx(t.step));
      const double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step)));
      const bool round = std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
                         std::fabs(mantissa - 2.5) < 1e-9 || std::fabs(mantissa - 5) < 1e-9;
      CHECK(round);
    }
  }
}

TEST_CASE("LinearScale maps the domain ends to the range ends, also reversed") {
  const LinearScale x{0, 100, 60, 700};
  CHECK(x(0) == 60);
  CHECK(x(100) == 700);
  CHECK(x(50) == 380);
  const LinearScale y{-2000, 6000, 250, 40};  // y grows downwards
  CHECK(y(-2000) == 250);
  CHECK(y(6000) == 40);
  CHECK(y(0) == doctest::Approx(197.5));
  const LinearScale empty{3, 3, 0, 10};
  CHECK(empty(3) == 5);
}

TEST_CASE("BandScale splits a range into padded bands") {
  const BandScale b{4, 0, 400, 0.25};
  CHECK(b.bandwidth() == 75);
  CHECK(b.start(0) == 12.5);
  CHECK(b.start(3) == 312.5);
  CHECK(b.center(1) == 150);
}

TEST_CASE("escape_xml escapes <, &, quotes and drops control characters") {
  CHECK(escape_xml("Food, beverages & tobacco") == "Food, beverages &amp; tobacco");
  CHECK(escape_xml("<script>") == "&lt;script&gt;");
  CHECK(escape_xml("\"quoted\" 'single'") == "&quot;quoted&quot; &#39;single&#39;");
  CHECK(escape_xml("Ünïcödé — ok") == "Ünïcödé — ok");
  CHECK(escape_xml(std::string("a\x01"
                               "b")) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(escape_xml("&amp;") == "&amp;amp;");  // text, not markup: escaped again
}

TEST_CASE("shorten cuts on character boundaries and marks the cut") {
  CHECK(shorten("Chemicals", 20) == "Chemicals");
  CHECK(shorten("Chemicals and chemical products", 10) == "Chemicals\xE2\x80\xA6");
  CHECK(shorten("ÄÖÜäöüß", 4) == "ÄÖÜ\xE2\x80\xA6");
}

TEST_CASE("SvgCanvas escapes every text and tooltip and writes no URL") {
  SvgCanvas svg(200, 100, "Title <&>", "Desc \"q\"");
  svg.rect(10, 10, -5, 20, "#0072B2", "Sector <b> & \"co\"");
  svg.text(5, 5, "Wholesale & retail <trade> 'x'");
  svg.line(0, 0, 10, 10, "#000", 1, "4 3");
  svg.polyline({0, 1, 2}, {3, 4, 5}, "#000");
  svg.band({0, 1}, {0, 0}, {1, 2}, "#56B4E9");
  svg.circle(1, 2, 3, "#000", "tip & tip");
  const std::string s = svg.str();
  CHECK(s.find("<title>Title &lt;&amp;&gt;</title>") != std::string::npos);
  CHECK(s.find("<desc>Desc &quot;q&quot;</desc>") != std::string::npos);
  CHECK(s.find("<rect x=\"5\" y=\"10\" width=\"5\" height=\"20\"") != std::string::npos);  // negative width flipped
  CHECK(s.find("<title>Sector &lt;b&gt; &amp; &quot;co&quot;</title>") != std::string::npos);
  CHECK(s.find(">Wholesale &amp; retail &lt;trade&gt; &#39;x&#39;</text>") != std::string::npos);
  CHECK(s.find("points=\"0,3 1,4 2,5\"") != std::string::npos);
  CHECK(s.find("points=\"0,1 1,2 1,0 0,0\"") != std::string::npos);
  CHECK(s.find("http") == std::string::npos);
  CHECK(s.find("<b>") == std::string::npos);
  CHECK_THROWS_AS(svg.polyline({0, 1}, {0}, "#000"), std::invalid_argument);
}

TEST_CASE("diverging_bar_chart draws one bar per non-zero side, the net, headings and a labelled axis") {
  DivergingBarChart chart;
  chart.title = "Jobs";
  chart.axis_title = "Jobs (persons)";
  chart.bars = {{"Chemicals & plastics", 5230, 0, "Manufacturing"},
                {"Motor vehicles \"cars\"", 0, 4580, "Manufacturing"},
                {"Retail <shops>", 100, 3220, "Services"}};
  const std::string s = diverging_bar_chart(chart);
  CHECK(count(s, "fill=\"#0072B2\"") == 3);  // 2 gain bars + legend swatch
  CHECK(count(s, "fill=\"#D55E00\"") == 3);  // 2 loss bars + legend swatch
  CHECK(s.find(">Manufacturing</text>") != std::string::npos);
  CHECK(s.find(">Services</text>") != std::string::npos);
  CHECK(s.find(">Chemicals &amp; plastics</text>") != std::string::npos);
  CHECK(s.find(">Motor vehicles &quot;cars&quot;</text>") != std::string::npos);
  CHECK(s.find(">Retail &lt;shops&gt;</text>") != std::string::npos);
  CHECK(s.find(">+5,230</text>") != std::string::npos);
  CHECK(s.find(">\xE2\x88\x92"
               "3,120</text>") != std::string::npos);
  CHECK(s.find(">Jobs (persons)</text>") != std::string::npos);
  CHECK(s.find(">\xE2\x88\x92"
               "6,000</text>") != std::string::npos);  // ticks -6000 .. 6000 by 2000
  CHECK(s.find(">6,000</text>") != std::string::npos);
  chart.bars[0].gain = -1;
  CHECK_THROWS_AS(diverging_bar_chart(chart), std::invalid_argument);
}

TEST_CASE("line_chart, histogram_chart, interval_chart and tornado_chart carry axis titles and legends") {
  LineChart line{"Path",
                 "Year after the measure",
                 "Persons",
                 {0, 1, 2, 3},
                 {{"Unemployed", {0, 900, 400, 100}, palette::loss, ""}}};
  const std::string l = line_chart(line);
  CHECK(l.find(">Year after the measure</text>") != std::string::npos);
  CHECK(l.find(">Persons</text>") != std::string::npos);
  CHECK(l.find(">Unemployed</text>") != std::string::npos);
  CHECK(count(l, "<circle") == 4);
  CHECK(count(l, "<polyline") == 1);
  line.series[0].values.pop_back();
  CHECK_THROWS_AS(line_chart(line), std::invalid_argument);

  HistogramChart hist{"Hist", "Net change in jobs (persons)", "Runs", {0, 10, 20, 30}, {5, 9, 2}, {{"median", 12}}};
  const std::string hs = histogram_chart(hist);
  CHECK(count(hs, "fill=\"#56B4E9\"") == 3);
  CHECK(hs.find(">median</text>") != std::string::npos);
  CHECK(hs.find(">Runs</text>") != std::string::npos);
  hist.counts.push_back(1);
  CHECK_THROWS_AS(histogram_chart(hist), std::invalid_argument);

  IntervalChart intervals;
  intervals.title = "Ranges";
  intervals.axis_title = "Jobs (persons)";
  intervals.rows = {{"A & B", -100, -50, 10}, {"C", 5, 20, 40}};
  const std::string is = interval_chart(intervals);
  CHECK(is.find(">A &amp; B</text>") != std::string::npos);
  CHECK(is.find(">5th to 95th percentile</text>") != std::string::npos);

  TornadoChart tornado;
  tornado.title = "Tornado";
  tornado.axis_title = "Mean net change in jobs (persons)";
  tornado.reference = -5000;
  tornado.rows = {{"parameters.armington", -3000, -9000,
                   "\xCF\x81 = \xE2\x88\x92"
                   "0.80"}};
  const std::string ts = tornado_chart(tornado);
  CHECK(ts.find(">parameters.armington</text>") != std::string::npos);
  CHECK(ts.find("\xCF\x81 = \xE2\x88\x92"
                "0.80") != std::string::npos);
  CHECK(ts.find("stroke-dasharray=\"5 3\"") != std::string::npos);
}
