#include "tradejobs/engine/sweep_stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "formats/csv.h"
#include "formats/double_text.h"
#include "tradejobs/engine/errors.h"

namespace tradejobs {

const std::vector<std::string>& sweep_total_names() {
  static const std::vector<std::string> names = {"jobs_change",   "jobs_created",          "jobs_destroyed",
                                                 "output_change", "tariff_revenue_change", "adjustment_cost",
                                                 "displaced"};
  return names;
}

const std::vector<std::string>& sweep_sector_quantities() {
  static const std::vector<std::string> names = {"jobs_change", "output_change", "displaced", "adjustment_cost"};
  return names;
}

const std::vector<std::string>& sweep_group_quantities() {
  static const std::vector<std::string> names = {"jobs_change", "jobs_destroyed", "displaced", "adjustment_cost"};
  return names;
}

const std::vector<std::string>& sweep_statistic_names() {
  static const std::vector<std::string> names = {"mean", "sd", "p5", "p50", "p95"};
  return names;
}

std::string runs_csv_header(const std::vector<std::string>& varied_keys) {
  std::string s = "run";
  for (const auto& k : varied_keys) s += "," + csv_escape(k);
  for (const auto& t : sweep_total_names()) s += "," + t;
  return s + "\n";
}

std::string runs_csv_row(const RunRecord& r, size_t totals) {
  // One allocation: every number goes through format_double_to (std::to_chars) into the row.
  std::string s;
  s.resize(24 + (r.varied.size() + totals) * (1 + kFormatDoubleChars));
  char* at = std::to_chars(s.data(), s.data() + 24, r.run).ptr;
  auto put = [&](double v) {
    *at++ = ',';
    at = format_double_to(at, v);
  };
  for (double v : r.varied) put(v);
  for (size_t t = 0; t < totals; ++t) put(r.values[t]);
  *at++ = '\n';
  s.resize(static_cast<size_t>(at - s.data()));
  return s;
}

std::string SweepStatisticsOptions::validate() const {
  if (sketch_k < 8 || sketch_k > 1000000) return "sketch_k = " + std::to_string(sketch_k) + ": must be in [8, 1000000]";
  return "";
}

SweepStatistics::SweepStatistics(size_t columns, std::uint64_t total_runs, const SweepStatisticsOptions& options)
    : columns_(columns), moments_(columns) {
  const std::string why = options.validate();
  if (!why.empty()) throw InputError("sweep statistics option " + why);
  const double bytes = 8.0 * static_cast<double>(columns) * static_cast<double>(total_runs);
  exact_ = bytes <= static_cast<double>(options.memory_budget_bytes);
  if (exact_) {
    values_.resize(columns);
    for (auto& v : values_) v.reserve(static_cast<size_t>(total_runs));
  } else {
    sketches_.assign(columns, QuantileSketch(options.sketch_k));
  }
}

void SweepStatistics::add(const std::vector<double>& values) {
  if (values.size() != columns_)
    throw InputError("sweep statistics: a run gave " + std::to_string(values.size()) + " values, expected " +
                     std::to_string(columns_));
  ++count_;
  for (size_t c = 0; c < columns_; ++c) {
    moments_[c].add(values[c]);
    if (exact_)
      values_[c].push_back(values[c]);
    else
      sketches_[c].add(values[c]);
  }
}

ColumnSummary SweepStatistics::summary(size_t c) const {
  ColumnSummary s;
  s.mean = moments_[c].mean;
  s.sd = moments_[c].sd();
  if (exact_) {
    std::vector<double> sorted = values_[c];
    std::sort(sorted.begin(), sorted.end());
    s.p5 = sorted_quantile(sorted, 0.05);
    s.p50 = sorted_quantile(sorted, 0.50);
    s.p95 = sorted_quantile(sorted, 0.95);
  } else {
    s.p5 = sketches_[c].quantile(0.05);
    s.p50 = sketches_[c].quantile(0.50);
    s.p95 = sketches_[c].quantile(0.95);
  }
  return s;
}

double SweepStatistics::rank_error_bound() const {
  double worst = 0.0;
  if (!exact_ && count_ > 0)
    for (const auto& s : sketches_) worst = std::max(worst, s.rank_error_bound(1e-6) / static_cast<double>(count_));
  return worst;
}

size_t SweepStatistics::retained_values() const {
  size_t n = 0;
  for (const auto& v : values_) n += v.size();
  for (const auto& s : sketches_) n += s.retained();
  return n;
}

void SweepStatistics::save(ByteWriter& w) const {
  w.u64(columns_);
  w.u64(exact_ ? 1 : 0);
  w.u64(count_);
  for (const auto& m : moments_) {
    w.u64(m.count);
    w.f64(m.mean);
    w.f64(m.m2);
  }
  if (exact_) {
    for (const auto& v : values_)
      for (double x : v) w.f64(x);
  } else {
    for (const auto& s : sketches_) s.save(w);
  }
}

void SweepStatistics::load(ByteReader& r) {
  if (r.u64() != columns_ || (r.u64() == 1) != exact_)
    throw InputError("sweep state: the statistics were saved for another sweep layout");
  count_ = r.u64();
  for (auto& m : moments_) {
    m.count = r.u64();
    m.mean = r.f64();
    m.m2 = r.f64();
  }
  if (exact_) {
    for (auto& v : values_) {
      v.resize(static_cast<size_t>(count_));
      for (auto& x : v) x = r.f64();
    }
  } else {
    for (auto& s : sketches_) s = QuantileSketch::load(r);
  }
}

std::string sector_stats_csv(const SweepStatistics& stats, const std::vector<std::string>& sector_codes,
                             size_t totals) {
  const auto& quantities = sweep_sector_quantities();
  const size_t q = quantities.size();
  std::string s = "sector,statistic";
  for (const auto& name : quantities) s += "," + name;
  s += "\n";
  std::vector<ColumnSummary> row(q);
  for (size_t j = 0; j < sector_codes.size(); ++j) {
    for (size_t k = 0; k < q; ++k) row[k] = stats.summary(totals + j * q + k);
    for (const auto& statistic : sweep_statistic_names()) {
      s += csv_escape(sector_codes[j]) + "," + statistic;
      for (size_t k = 0; k < q; ++k) {
        const ColumnSummary& c = row[k];
        const double v = statistic == "mean"  ? c.mean
                         : statistic == "sd"  ? c.sd
                         : statistic == "p5"  ? c.p5
                         : statistic == "p50" ? c.p50
                                              : c.p95;
        s += "," + format_double(v);
      }
      s += "\n";
    }
  }
  return s;
}

std::string progress_line(std::uint64_t done, std::uint64_t total, double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  char buf[160];
  const double percent = total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
  if (rate > 0 && done < total) {
    const auto left = static_cast<long long>(std::ceil(static_cast<double>(total - done) / rate));
    std::snprintf(buf, sizeof buf, "sweep: %llu/%llu runs (%.0f%%)  %.0f runs/s  %lld:%02lld left",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), std::floor(percent),
                  rate, left / 60, left % 60);
  } else {
    std::snprintf(buf, sizeof buf, "sweep: %llu/%llu runs (%.0f%%)", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total), std::floor(percent));
  }
  return buf;
}

}  // namespace tradejobs
