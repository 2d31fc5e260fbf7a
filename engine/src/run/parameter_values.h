#pragma once
/// \file parameter_values.h
/// What resolving a scenario needs on either trade backend (trade_backend.h): per-sector
/// parameter values from the defaults, the economy and the scenario, their checks with
/// messages that name where a value came from.

#include <Eigen/Core>
#include <string>
#include <vector>

#include "tradejobs/engine/scenario.h"
#include "tradejobs/models/economy.h"

namespace tradejobs {

/// parameters.NAME by sector: `fallback`, replaced by the economy's finite `economy_values`
/// (elasticities.csv; empty = none), replaced by the scenario's value for all sectors, then by
/// its values per sector code or group. `*set_by_scenario` says whether the scenario set any.
/// InputError at the scenario key of an unknown sector or group.
Eigen::VectorXd sector_values(const std::string& name, const Scenario& scenario, const Economy& economy,
                              const Eigen::VectorXd& economy_values, double fallback, bool* set_by_scenario);

/// The user-facing check of one per-sector parameter, before the model's own validator (whose
/// messages name the model's fields): "parameters.armington of sector MAN = -3: must be ... (set
/// by the economy's elasticities.csv)". Values the scenario and the economy give are checked
/// where they are read; this catches what a sweep sets and the combinations. Values derived by
/// the rule of two (σ_M = 2·σ_D, not given anywhere) need only be finite and >= 0.
void check_parameter_values(const std::string& name, const Eigen::VectorXd& values, const Scenario& scenario,
                            const Economy& economy, const Eigen::VectorXd& economy_values);

}  // namespace tradejobs
