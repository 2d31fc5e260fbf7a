// ctest-labels: cli
// `tradejobs schema` (docs/reference/scenario.md): --markdown prints the reference that is
// committed as docs/reference/scenario.md (this test fails when they differ), --json a JSON
// Schema (draft 2020-12) of a scenario file; exit code, stdout and stderr are checked separately.
#include <nlohmann/json.hpp>

#include "cli_support.h"

using namespace tradejobs_test;

TEST_CASE("tradejobs schema --markdown is the committed docs/reference/scenario.md") {
  const CliResult r = run_binary(kSource, "schema --markdown");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  const std::string committed = read_text(fs::path(kSource) / "docs/reference/scenario.md");
  CHECK_MESSAGE(r.out == committed,
                "docs/reference/scenario.md differs from the scenario schema: regenerate it with "
                "`build/tradejobs schema --markdown > docs/reference/scenario.md` and commit it");
  CHECK(r.out.rfind("# Scenario file reference\n", 0) == 0);
  CHECK(r.out.find("| `labour_market.horizon_years` | integer | years | 10 | [1, 1000] | yes |") != std::string::npos);
}

TEST_CASE("tradejobs schema --json prints a JSON Schema") {
  const CliResult r = run_binary(kSource, "schema --json");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(j["type"] == "object");
  CHECK(j["properties"]["labour_market"]["properties"]["discount_rate"]["default"] == 0.03);
  CHECK(j["properties"]["options"]["properties"]["tariff_revenue"]["enum"] ==
        nlohmann::json::array({"retained", "households", "government"}));
}

TEST_CASE("tradejobs schema: usage errors") {
  const CliResult none = run_binary(kSource, "schema");
  CHECK(none.code == 2);
  CHECK(none.out == "");
  CHECK(none.err == "error: tradejobs schema: missing --markdown or --json (see --help)\n");
  const CliResult both = run_binary(kSource, "schema --markdown --json");
  CHECK(both.code == 2);
  CHECK(both.out == "");
  CHECK(both.err == "error: tradejobs schema: give one of --markdown and --json, not both\n");
  const CliResult bad = run_binary(kSource, "schema --yaml");
  CHECK(bad.code == 2);
  CHECK(bad.out == "");
  CHECK(bad.err.find("--yaml") != std::string::npos);
  const CliResult help = run_binary(kSource, "schema --help");
  CHECK(help.code == 0);
  CHECK(help.err == "");
  CHECK(help.out.rfind("Usage: tradejobs schema --markdown | --json\n", 0) == 0);
}
