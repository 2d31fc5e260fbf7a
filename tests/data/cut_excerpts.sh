#!/usr/bin/env bash
# Re-creates the excerpts of public data in tests/data from the full public data folder.
#   TRADEJOBS_DATA_DIR=/path/to/public/data tests/data/cut_excerpts.sh          # copy, then write SHA256SUMS
#   TRADEJOBS_DATA_DIR=/path/to/public/data tests/data/cut_excerpts.sh --check  # compare, change nothing
# TRADEJOBS_DATA_DIR defaults to ../shared/data beside the repository. Every excerpt is a
# selection of whole files, copied byte for byte: no row, column or value is changed. What each
# folder keeps and leaves out, with the source and licence, is in its README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${TRADEJOBS_DATA_DIR:-$here/../../../shared/data}
mode=${1:-copy}
[ -d "$src" ] || { echo "cut_excerpts.sh: $src: not a folder: set TRADEJOBS_DATA_DIR to the folder of the public data" >&2; exit 2; }
src=$(cd "$src" && pwd)
case $mode in copy | --check) ;; *) echo "usage: cut_excerpts.sh [--check]" >&2; exit 2 ;; esac

# The files the tests read, relative to the data folder (and to tests/data).
FILES=(
  eurostat_manual_examples/germany_1995_siot_wide.csv
  eurostat_manual_examples/netherlands_2000_wide.csv
  eurostat_manual_examples/expected_published_values.csv
  pymrio_test_mrio/mrio_data/trade_flows_Z.txt
  pymrio_test_mrio/mrio_data/finald_demand_Y.txt
  pymrio_test_mrio/mrio_data/factor_input.txt
  pymrio_test_mrio/mrio_data/emissions.txt
  pymrio_test_mrio/mrio_data/FDemissions.txt
  pymrio_test_mrio/mrio_data/population.txt
  pymrio_test_mrio/mrio_data/metadata.json
  pymrio_test_mrio/mrio_data/readme.txt
  wiod2016_niot/columns_description.csv
  wiod2016_niot/niot_clean/USA_NIOT_nov16.csv
  wiod2016_niot/niot_clean/DEU_NIOT_nov16.csv
  wiod2016_sea/sea_CAN_DEU_FRA_GBR_USA_2000_2014.csv
  wiod2016_sea/sea_AUS_2000_2014.csv
  wiod2013_wiot/wiot_regional_2011_Z.csv
  wiod2013_wiot/wiot_regional_2011_Y.csv
  wiod2013_wiot/wiot_regional_2011_x.csv
  us_china_tariffs/imports_by_naics.csv
  us_china_tariffs/exports_by_naics.csv
  us_china_tariffs/2017_imports_by_naics.csv
)

status=0
for f in "${FILES[@]}"; do
  [ -f "$src/$f" ] || { echo "cut_excerpts.sh: $src/$f: not found" >&2; exit 2; }
  if [ "$mode" = --check ]; then
    cmp -s "$src/$f" "$here/$f" || { echo "differs from the source: tests/data/$f" >&2; status=1; }
  else
    mkdir -p "$here/$(dirname "$f")"
    cp "$src/$f" "$here/$f"
  fi
done
if [ "$mode" = --check ]; then
  (cd "$here" && sha256sum --quiet -c SHA256SUMS) || status=1
  [ $status = 0 ] && echo "tests/data: ${#FILES[@]} files identical to $src"
  exit $status
fi
(cd "$here" && sha256sum "${FILES[@]}" > SHA256SUMS)
echo "tests/data: copied ${#FILES[@]} files from $src ($(cd "$here" && du -ch "${FILES[@]}" | tail -1 | cut -f1))"
