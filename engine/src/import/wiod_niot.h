#pragma once
/// \file wiod_niot.h
/// The pieces of `tradejobs import wiod-niot` (docs/model.md §7, §9): reading one year of a WIOD
/// 2016 national input-output table (NIOT), reading the WIOD Socio-Economic Accounts (SEA)
/// of the same country and year, building the §1 economy from both, and optionally splitting
/// imports and exports between one partner and the rest of the world.
///
/// Example:
///   WiodNiotTable t = read_wiod_niot("USA_NIOT_nov16.csv", 2014);
///   WiodSeaYear s = read_wiod_sea("sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv", "USA", 2014);
///   WiodNiotBuild b = build_wiod_niot_economy(t, "USA", s);
///   write_economy(b.economy, "usa-2014", {command, aggregation, b.notes});

#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

#include "economy/concordance.h"
#include "formats/csv.h"
#include "tradejobs/models/economy.h"

namespace tradejobs {

/// The 56 WIOD 2016 industry codes (ISIC Rev.4) in the order of the NIOT columns.
const std::vector<std::string>& wiod_industry_codes();

/// One year of a WIOD 2016 NIOT as published: USD million, current basic prices. Rows are
/// products, columns industries (symmetric industry-by-industry table).
struct WiodNiotTable {
  std::string path;                         ///< File read (used in messages).
  int year = 0;                             ///< Year of the table.
  std::vector<std::string> industry_codes;  ///< The 56 codes (A01 ... U), column order of the file.
  std::vector<std::string> industry_names;  ///< Description column of the Domestic rows.
  /// Final-use columns of the file: CONS_h, CONS_np, CONS_g, GFCF, INVEN.
  std::vector<std::string> final_use_codes;
  Eigen::MatrixXd intermediate_domestic;  ///< Zd, 56×56, USD million (Origin=Domestic rows).
  Eigen::MatrixXd intermediate_imported;  ///< Zm, 56×56, USD million (Origin=Imports rows).
  Eigen::MatrixXd final_use_domestic;     ///< 56×5 domestic products to final users, USD million.
  Eigen::MatrixXd final_use_imported;     ///< 56×5 imported products to final users, USD million.
  Eigen::VectorXd exports_domestic;       ///< EXP of the Domestic rows, USD million.
  Eigen::VectorXd exports_of_imports;     ///< EXP of the Imports rows (re-exports), USD million.
  Eigen::VectorXd output_column;          ///< GO column of the Domestic rows, USD million.
  /// Codes of the Origin=TOT rows in file order: II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO.
  std::vector<std::string> total_row_codes;
  /// The TOT rows, 8×63: the 56 industry columns, then CONS_h ... INVEN, EXP, GO. USD million.
  Eigen::MatrixXd total_rows;

  /// The TOT row with this code (InputError if absent).
  Eigen::VectorXd total_row(const std::string& code) const;
};

/// Reads one year of a WIOD 2016 NIOT CSV (`<ISO>_NIOT_nov16.csv` as in
/// $TRADEJOBS_DATA_DIR/wiod2016_niot/niot_clean). `year` 0 takes the latest year in the file.
/// The layout must be exactly the published one (columns Year, Code, Description, Origin,
/// A01 ... U, CONS_h, CONS_np, CONS_g, GFCF, INVEN, EXP, GO; per year 56 Domestic rows, 56
/// Imports rows and 8 TOT rows in the published order); anything else is an InputError
/// saying what was expected, where (file:line:column) and what was found.
WiodNiotTable read_wiod_niot(const std::string& path, int year = 0);

/// One industry of the WIOD Socio-Economic Accounts (one country, one year).
struct SeaIndustry {
  double compensation = 0;     ///< COMP: compensation of employees, million national currency.
  double persons_engaged = 0;  ///< EMP: persons engaged, thousands.
  double employees = 0;        ///< EMPE: employees, thousands.
  double gross_output = 0;     ///< GO: gross output, million national currency.
  double exchange_rate = 0;    ///< NOMEXCH: national currency per US dollar.
  std::string where;           ///< "file:line" of the row (for messages).
};

/// The SEA of one country and year, by WIOD industry code.
struct WiodSeaYear {
  std::string path;                               ///< File read.
  std::string country;                            ///< ISO3 code.
  int year = 0;                                   ///< Year.
  std::map<std::string, SeaIndustry> industries;  ///< Industry code -> figures.
};

/// Reads the rows of one country and year from a long-format SEA CSV (columns country, code,
/// year, COMP, EMP, EMPE, GO, NOMEXCH; others are not used). InputError for an unknown
/// country or year (listing those the file has), a duplicate code, or a non-numeric cell.
WiodSeaYear read_wiod_sea(const std::string& path, const std::string& country, int year);
/// The same from a SEA file already read (one reading for several countries).
WiodSeaYear read_wiod_sea(const CsvTable& table, const std::string& country, int year);

/// Trade of one partner against the world per outside classification code (e.g. NAICS-3),
/// in any currency (only ratios are used).
struct PartnerTrade {
  std::string path;                             ///< File read.
  std::string partner;                          ///< Partner code, e.g. "CHN".
  std::map<std::string, double> imports;        ///< Imports from the partner by code.
  std::map<std::string, double> imports_world;  ///< Imports from the world by code.
  std::map<std::string, double> exports;        ///< Exports to the partner by code.
  std::map<std::string, double> exports_world;  ///< Exports to the world by code.
};

/// Reads a CSV with columns `code,partner,imports,imports_world,exports,exports_world`
/// (one partner; values ≥ 0; partner ≤ world). InputError with file:line:column otherwise.
PartnerTrade read_partner_trade(const std::string& path);

/// An economy built from a WIOD NIOT, with the notes for economy.yaml.
struct WiodNiotBuild {
  Economy economy;                 ///< The §1 economy (without import command and aggregation).
  std::vector<std::string> notes;  ///< What the loader did: balancing, conversions, zero sectors.
};

/// Builds the §1 economy from a NIOT year and the SEA of the same country and year:
/// Zd, Zm, final demand (household, npish, government, investment, inventories), exports
/// `total` (domestic rows), value added (compensation from SEA, other_value_added,
/// taxes_on_products, the other TOT rows, and an explicit `rounding` row so the column
/// identity holds with x from the row identity), employment (persons engaged, the
/// self-employed share and the annual wage per employee in USD). `output` is kept only when
/// the file's GO agrees with the row identity within 1e-6 relative. InputError for data the
/// model cannot use (negative output, jobs without output, more employees than persons).
WiodNiotBuild build_wiod_niot_economy(const WiodNiotTable& table, const std::string& country, const WiodSeaYear& sea);
/// The same with the SEA optional: with `sea` null the flows and value added are built as above
/// but employment, the wages and the compensation row are left for the ILOSTAT satellite
/// (apply_ilostat in ilostat.h): compensation is 0 and other_value_added is the whole NIOT VA.
WiodNiotBuild build_wiod_niot_economy(const WiodNiotTable& table, const std::string& country, const WiodSeaYear* sea);

/// Splits imports and exports of `build` between `trade.partner` and `ROW` using partner
/// shares mapped to sectors with the concordance: share_i = Σ_c w_ci·partner_c / Σ_c w_ci·world_c.
/// Sectors that no code maps to get share 0 (all to ROW) and a note lists them.
void split_trade_by_partner(WiodNiotBuild& build, const PartnerTrade& trade, const Concordance& concordance);

}  // namespace tradejobs
