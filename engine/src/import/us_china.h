#pragma once
/// \file us_china.h
/// The 2018–19 US–China tariffs by NAICS 3-digit code (issue 3), read from the monthly
/// files of the tradewar-tracker data (imports_by_naics.csv, exports_by_naics.csv:
/// `time,naics3,tariff_trd_w_avg,total_trade,china_trade`), and the WIOD import totals
/// that split a NAICS code over two WIOD sectors in the concordance. The options
/// (UsChinaTariffOptions) and the command are in importers.h.
///
/// Example:
///   UsChinaTariffOptions o;               // before 2017-12, after 2019-12, trade year 2017
///   UsChinaDirection us = read_us_china_direction("imports_by_naics.csv", o);
///   // us.changes[i]: code, from, to (rates), weight (USD of 2017 imports from China)

#include <map>
#include <string>
#include <vector>

#include "tradejobs/engine/importers.h"

namespace tradejobs {

/// One NAICS code's tariff change (a row of the codes files of a scenario measure).
struct NaicsTariffChange {
  std::string code;     ///< NAICS 3-digit code as in Census trade statistics (e.g. "336", "910").
  double from = 0.0;    ///< Trade-weighted tariff in the `before` month, as a rate (0.03 = 3%).
  double to = 0.0;      ///< Trade-weighted tariff in the `after` month, as a rate.
  double weight = 0.0;  ///< Trade with China in the trade year, USD (the averaging weight).
};

/// One NAICS code's trade with China and with the world in the trade year, USD.
struct NaicsTrade {
  double china = 0.0;  ///< With China, USD.
  double world = 0.0;  ///< With all partners (China included), USD.
};

/// One direction (US imports from China, or US exports to China) read from one monthly file.
struct UsChinaDirection {
  std::string path;                         ///< File it came from.
  std::vector<NaicsTariffChange> changes;   ///< One per code with a tariff, ordered by code.
  std::map<std::string, NaicsTrade> trade;  ///< Trade-year sums per code with a tariff.
  /// Codes the source gives no tariff for in any row (an empty tariff cell, and China trade
  /// 0, throughout: Census code 980 "goods returned" in the exports file), with their
  /// trade-year world trade in USD. They are left out of every output and listed in README.md.
  std::map<std::string, double> codes_without_tariff;
};

/// Reads imports_by_naics.csv or exports_by_naics.csv: the tariff (percent in the file,
/// returned as a rate) of every code in the `before` and `after` months, and the sums of
/// `china_trade` and `total_trade` over the twelve months of the trade year. InputError
/// with file:line:column for a missing column, a cell that is not a number (an empty
/// tariff is allowed only in a row without China trade), a negative value, China trade
/// above world trade, a malformed month or code, a duplicate row, or a missing month.
UsChinaDirection read_us_china_direction(const std::string& path, const UsChinaTariffOptions& options);

/// Imports by product of one year of a WIOD 2016 national table (niot_clean/<ISO>_NIOT_nov16.csv):
/// for each product code, the sum of its `Origin=Imports` row over the 56 industry columns
/// and the final-demand columns CONS_h, CONS_np, CONS_g, GFCF, INVEN (m = Zm·1 + Fm·1,
/// docs/model.md §1), in USD million. Used for the C20/C21 and C29/C30 weights of
/// scenarios/concordances/naics3_to_wiod56.csv.
std::map<std::string, double> wiod_niot_imports_by_product(const std::string& niot_csv, int year);

}  // namespace tradejobs
