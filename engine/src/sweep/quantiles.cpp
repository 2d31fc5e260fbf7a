#include "tradejobs/engine/quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tradejobs/engine/errors.h"
#include "tradejobs/engine/random.h"

namespace tradejobs {

double sorted_quantile(const std::vector<double>& v, double q) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(h));
  if (lo + 1 >= v.size()) return v.back();
  return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
}

void RunningMoments::add(double x) {
  ++count;
  const double delta = x - mean;
  mean += delta / static_cast<double>(count);
  m2 += delta * (x - mean);
}

void RunningMoments::merge(const RunningMoments& b) {
  if (b.count == 0) return;
  if (count == 0) {
    *this = b;
    return;
  }
  const double na = static_cast<double>(count), nb = static_cast<double>(b.count), n = na + nb;
  const double delta = b.mean - mean;
  mean += delta * (nb / n);
  m2 += b.m2 + delta * delta * (na * nb / n);
  count += b.count;
}

double RunningMoments::sd() const { return count > 1 ? std::sqrt(m2 / static_cast<double>(count - 1)) : 0.0; }

QuantileSketch::QuantileSketch(int k) : k_(k) {
  if (k < 8) throw InputError("QuantileSketch k = " + std::to_string(k) + ": must be >= 8");
  grow();
}

void QuantileSketch::grow() {
  levels_.emplace_back();
  compactions_.push_back(0);
  // Level h of H holds ⌈k·(2/3)^(H−1−h)⌉ + 1 items; computed once per level count.
  capacities_.resize(levels_.size());
  max_size_ = 0;
  for (size_t h = 0; h < levels_.size(); ++h) {
    const double depth = static_cast<double>(levels_.size() - 1 - h);
    capacities_[h] = static_cast<size_t>(std::ceil(std::pow(2.0 / 3.0, depth) * k_)) + 1;
    max_size_ += capacities_[h];
  }
}

void QuantileSketch::add(double x) {
  levels_[0].push_back(x);
  ++count_;
  ++size_;
  if (size_ >= max_size_) compress();
}

void QuantileSketch::compact(size_t h) {
  if (h + 1 >= levels_.size()) grow();
  std::vector<double>& items = levels_[h];
  std::sort(items.begin(), items.end());
  // Coin of the compaction: a counter-based hash of (level, compaction number), so the
  // sketch is a deterministic function of its input sequence.
  const std::uint64_t number = compactions_[h]++;
  const auto coin = philox4x32_10({static_cast<std::uint32_t>(number), static_cast<std::uint32_t>(number >> 32),
                                   static_cast<std::uint32_t>(h), 0x4b4c4cu},
                                  {0x6b6c6c31u, 0x31363132u})[0] &
                    1u;
  const bool odd = items.size() % 2 == 1;
  double last = 0.0;
  if (odd) {
    last = items.back();
    items.pop_back();
  }
  std::vector<double>& up = levels_[h + 1];
  for (size_t i = coin; i < items.size(); i += 2) up.push_back(items[i]);
  items.clear();
  if (odd) items.push_back(last);
}

void QuantileSketch::compress() {
  for (size_t h = 0; h < levels_.size(); ++h) {
    if (levels_[h].size() >= capacity(h)) {
      compact(h);
      break;  // lazy: one compaction frees room (KLL's "lazy" variant, as in Liberty's reference code)
    }
  }
  size_ = retained();  // max_size_ is kept by grow()
  if (size_ >= max_size_) compress();
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.k_ != k_)
    throw InputError("QuantileSketch::merge: k differs (" + std::to_string(k_) + " and " + std::to_string(other.k_) +
                     ")");
  while (levels_.size() < other.levels_.size()) grow();
  for (size_t h = 0; h < other.levels_.size(); ++h) {
    levels_[h].insert(levels_[h].end(), other.levels_[h].begin(), other.levels_[h].end());
    compactions_[h] += other.compactions_[h];
  }
  count_ += other.count_;
  size_ = retained();
  if (size_ >= max_size_) compress();
}

size_t QuantileSketch::retained() const {
  size_t n = 0;
  for (const auto& l : levels_) n += l.size();
  return n;
}

double QuantileSketch::rank(double x) const {
  double r = 0.0;
  for (size_t h = 0; h < levels_.size(); ++h)
    for (double v : levels_[h])
      if (v <= x) r += std::ldexp(1.0, static_cast<int>(h));
  return r;
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<double, double>> items;  // value, weight
  items.reserve(retained());
  for (size_t h = 0; h < levels_.size(); ++h)
    for (double v : levels_[h]) items.emplace_back(v, std::ldexp(1.0, static_cast<int>(h)));
  std::sort(items.begin(), items.end());
  const double target = q * static_cast<double>(count_);
  double cumulative = 0.0;
  for (const auto& [v, w] : items) {
    cumulative += w;
    if (cumulative >= target) return v;
  }
  return items.back().first;
}

double QuantileSketch::rank_error_bound(double delta) const {
  double variance = 0.0, top_weight = 1.0;
  for (size_t h = 0; h < levels_.size(); ++h) {
    variance += static_cast<double>(compactions_[h]) * std::ldexp(1.0, 2 * static_cast<int>(h));
    if (!levels_[h].empty()) top_weight = std::ldexp(1.0, static_cast<int>(h));
  }
  return std::sqrt(2.0 * std::log(2.0 / delta) * variance) + top_weight;
}

void QuantileSketch::save(ByteWriter& w) const {
  w.u64(static_cast<std::uint64_t>(k_));
  w.u64(count_);
  w.u64(levels_.size());
  for (size_t h = 0; h < levels_.size(); ++h) {
    w.u64(compactions_[h]);
    w.u64(levels_[h].size());
    for (double v : levels_[h]) w.f64(v);
  }
}

QuantileSketch QuantileSketch::load(ByteReader& r) {
  const auto k = static_cast<int>(r.u64());
  QuantileSketch s(k);
  s.count_ = r.u64();
  const std::uint64_t levels = r.u64();
  while (s.levels_.size() < levels) s.grow();
  for (size_t h = 0; h < levels; ++h) {
    s.compactions_[h] = r.u64();
    const std::uint64_t n = r.u64();
    s.levels_[h].resize(n);
    for (auto& v : s.levels_[h]) v = r.f64();
  }
  s.size_ = s.retained();
  return s;
}

}  // namespace tradejobs
